package dev.stagecraft.query.diff.git;

import java.util.regex.Pattern;

/** Repository addresses as they may be shown: without the credentials a clone URL may carry. */
public final class Repositories {

    private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s]+@");

    private Repositories() {}

    /** {@code text} with every {@code user:password@} of a URL in it replaced by {@code ***@}. */
    public static String display(String text) {
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
