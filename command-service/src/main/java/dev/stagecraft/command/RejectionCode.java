package dev.stagecraft.command;

/** Why a command was rejected; the wire value is the {@code code} of {@code command.rejected}. */
public enum RejectionCode {
    /** The body is not JSON, or not of the command's shape. */
    MALFORMED("malformed"),
    /** A field breaks a rule (name, version, driver, ttl, …). */
    INVALID("invalid"),
    /** The application or environment named does not exist. */
    NOT_FOUND("not-found"),
    /** The command contradicts the current state (environment exists already, wrong status). */
    CONFLICT("conflict"),
    /** The caller lacks the role the command needs (the message names the role and the application). */
    FORBIDDEN("forbidden"),
    /** The environment is locked by someone else (the message names who, since when and why). */
    LOCKED("locked");

    private final String code;

    RejectionCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static RejectionCode ofCode(String code) {
        for (RejectionCode value : values()) {
            if (value.code.equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown rejection code " + code);
    }
}
