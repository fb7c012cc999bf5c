package dev.stagecraft.command.intake;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.secret.VaultReference;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CancelDeployment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.LockEnvironment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.RejectDeployment;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import dev.stagecraft.contracts.command.Rollback;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rules every command must satisfy, whatever channel it came through: first Stagecraft's own rules
 * (names, versions, drivers, …) with sentences that say how to fix them, then the command's JSON Schema
 * as a backstop for anything the rules do not cover. Pure: it looks at the command only, not at state.
 */
@Component
public class CommandValidator {

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final int MAX_NAME_LENGTH = 53;
    static final int MAX_VERSION_LENGTH = 128;
    static final List<String> DRIVERS = List.of("local", "script", "kubernetes", "noop");

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");

    private final MessageCodec codec = MessageCodec.instance();

    /** Every problem of the command; empty if it is valid. */
    public List<Problem> validate(Command command) {
        return validate(command, List.of());
    }

    /**
     * Every problem of the command, together with those a channel found while reading it; one problem
     * per field, the rules' sentence first, since it says best how to fix it.
     */
    public List<Problem> validate(Command command, List<Problem> foundWhileReading) {
        List<Problem> problems = rules(command);
        Set<String> fields = new HashSet<>();
        problems.forEach(problem -> fields.add(problem.field()));
        List<Problem> more = new ArrayList<>(foundWhileReading);
        more.addAll(schemaProblems(command));
        for (Problem problem : more) {
            if (fields.add(problem.field())) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** True if {@code value} is a valid application or environment name. */
    public static boolean isName(@Nullable String value) {
        return value != null
                && value.length() <= MAX_NAME_LENGTH
                && DNS_LABEL.matcher(value).matches();
    }

    List<Problem> rules(Command command) {
        List<Problem> problems = new ArrayList<>();
        required(problems, "actor", command.actor());
        switch (command) {
            case RegisterApplication register -> register(problems, register);
            case CreateEnvironment create -> create(problems, create);
            case UpdateEnvironment update -> update(problems, update);
            case ArchiveEnvironment archive -> environment(problems, archive.app(), archive.environment());
            case RestoreEnvironment restore -> environment(problems, restore.app(), restore.environment());
            case CleanupEnvironment cleanup -> environment(problems, cleanup.app(), cleanup.environment());
            case LockEnvironment lock -> lock(problems, lock);
            case UnlockEnvironment unlock -> environment(problems, unlock.app(), unlock.environment());
            case CancelDeployment cancel -> deploymentId(problems, cancel.deploymentId());
            case ApproveDeployment approve -> deploymentId(problems, approve.deploymentId());
            case RejectDeployment reject -> deploymentId(problems, reject.deploymentId());
            case Promote promote -> promote(problems, promote);
            case Rollback rollback -> {
                environment(problems, rollback.app(), rollback.environment());
                if (rollback.version() != null) {
                    version(problems, rollback.version());
                }
            }
        }
        return problems;
    }

    private void register(List<Problem> problems, RegisterApplication command) {
        name(problems, "name", command.name());
        driver(problems, command.driver());
        if (command.repository() != null && command.repository().isBlank()) {
            problems.add(new Problem("repository", "must not be blank; leave it out if there is none"));
        }
        pipeline(problems, command.pipeline());
        keysAreEitherPublicOrSecret(
                problems, "defaults", "secretDefaults", command.defaults(), command.secretDefaults());
        vaultReferences(problems, "secretDefaults", command.secretDefaults());
    }

    private void create(List<Problem> problems, CreateEnvironment command) {
        name(problems, "app", command.app());
        name(problems, "environment", command.environment());
        if (required(problems, "version", command.version())) {
            version(problems, command.version());
        }
        spec(problems, command.commit(), command.ttl(), command.tags());
        keysAreEitherPublicOrSecret(
                problems, "overrides", "secretOverrides", command.overrides(), command.secretOverrides());
        vaultReferences(problems, "secretOverrides", command.secretOverrides());
    }

    private static void lock(List<Problem> problems, LockEnvironment command) {
        environment(problems, command.app(), command.environment());
        if (required(problems, "reason", command.reason()) && command.reason().isBlank()) {
            problems.add(new Problem("reason", "must say why the environment is locked, e.g. \"release freeze\""));
        }
    }

    private static void promote(List<Problem> problems, Promote command) {
        name(problems, "app", command.app());
        if (required(problems, "version", command.version())) {
            version(problems, command.version());
        }
        if (command.to() != null) {
            name(problems, "to", command.to());
        }
    }

    private static void deploymentId(List<Problem> problems, @Nullable Object deploymentId) {
        if (deploymentId == null) {
            problems.add(new Problem("deploymentId", "is required"));
        }
    }

    private static void environment(List<Problem> problems, String app, String environment) {
        name(problems, "app", app);
        name(problems, "environment", environment);
    }

    private void update(List<Problem> problems, UpdateEnvironment command) {
        name(problems, "app", command.app());
        name(problems, "environment", command.environment());
        if (command.version() != null) {
            version(problems, command.version());
        }
        spec(problems, command.commit(), command.ttl(), command.tags());
        if (command.overrides() != null && command.secretOverrides() != null) {
            keysAreEitherPublicOrSecret(
                    problems, "overrides", "secretOverrides", command.overrides(), command.secretOverrides());
        }
        if (command.secretOverrides() != null) {
            vaultReferences(problems, "secretOverrides", command.secretOverrides());
        }
    }

    private static void spec(
            List<Problem> problems, @Nullable String commit, @Nullable Duration ttl, @Nullable List<String> tags) {
        if (commit != null && !COMMIT.matcher(commit).matches()) {
            problems.add(new Problem("commit", "must be a hexadecimal git commit id of 7 to 64 characters"));
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            problems.add(new Problem("ttl", "must be a positive ISO-8601 duration such as PT72H or P2D"));
        }
        if (tags != null) {
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i) == null || tags.get(i).isBlank()) {
                    problems.add(new Problem("tags[" + i + "]", "must not be blank"));
                }
            }
        }
    }

    private static void pipeline(List<Problem> problems, List<Stage> pipeline) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < pipeline.size(); i++) {
            String field = "pipeline[" + i + "].environment";
            String environment = pipeline.get(i).environment();
            if (name(problems, field, environment) && !seen.add(environment)) {
                problems.add(new Problem(
                        field,
                        "'" + environment + "' appears more than once; each stage needs an environment of its own"));
            }
            String branch = pipeline.get(i).branch();
            if (branch != null && branch.isBlank()) {
                problems.add(new Problem("pipeline[" + i + "].branch", "must not be blank; leave it out if none"));
            }
        }
    }

    /** Adds a problem unless {@code value} is a DNS-1123 label of at most 53 characters; true if valid. */
    static boolean name(List<Problem> problems, String field, @Nullable String value) {
        if (!required(problems, field, value)) {
            return false;
        }
        if (!isName(value)) {
            problems.add(new Problem(
                    field,
                    "must be a DNS-1123 label of at most " + MAX_NAME_LENGTH + " characters: lower-case letters,"
                            + " digits and '-', starting and ending with a letter or digit (got '" + value + "')"));
            return false;
        }
        return true;
    }

    private static void version(List<Problem> problems, String version) {
        if (version.isBlank()) {
            problems.add(new Problem("version", "must not be blank"));
        } else if (version.chars().anyMatch(Character::isWhitespace)) {
            problems.add(new Problem("version", "must not contain whitespace"));
        } else if (version.length() > MAX_VERSION_LENGTH) {
            problems.add(new Problem("version", "must be at most " + MAX_VERSION_LENGTH + " characters long"));
        }
    }

    private static void driver(List<Problem> problems, @Nullable String driver) {
        if (driver != null && !DRIVERS.contains(driver)) {
            problems.add(
                    new Problem("driver", "must be one of " + String.join(", ", DRIVERS) + " (got '" + driver + "')"));
        } else {
            required(problems, "driver", driver);
        }
    }

    private static void keysAreEitherPublicOrSecret(
            List<Problem> problems,
            String publicField,
            String field,
            Map<String, String> publicValues,
            Map<String, String> secrets) {
        secrets.keySet().stream()
                .filter(publicValues::containsKey)
                .sorted()
                .forEach(key -> problems.add(new Problem(
                        field + "." + key,
                        "is also set in " + publicField
                                + "; a key is either public or secret, so set it in one of them")));
    }

    /** A value starting with {@code vault:} must be a whole reference; the value itself is never quoted. */
    private static void vaultReferences(List<Problem> problems, String field, Map<String, String> secrets) {
        secrets.entrySet().stream()
                .filter(entry -> entry.getValue() != null
                        && VaultReference.isReference(entry.getValue())
                        && !VaultReference.isWellFormed(entry.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .forEach(key -> problems.add(
                        new Problem(field + "." + key, "is not a Vault reference of the form " + VaultReference.FORM)));
    }

    private static boolean required(List<Problem> problems, String field, @Nullable String value) {
        if (value == null) {
            problems.add(new Problem(field, "is required"));
            return false;
        }
        return true;
    }

    private List<Problem> schemaProblems(Command command) {
        String type = MessageTypes.typeOf(command);
        return codec.validate(type, codec.mapper().valueToTree(command)).stream()
                .map(Problem::fromSchema)
                .toList();
    }
}
