package io.k4s.api.resource;

/**
 * Check names the way Kubernetes does: DNS-1123 labels for namespaces, DNS-1123 subdomains for
 * resource names.
 */
public final class ResourceNames {

    /** The longest resource name. */
    public static final int MAX_NAME_LENGTH = 253;

    /** The longest namespace. */
    public static final int MAX_NAMESPACE_LENGTH = 63;

    private ResourceNames() {}

    /**
     * Say what is wrong with a resource name, or return {@code null} if it is valid: lower-case
     * letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253.
     */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a name is required";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH
                    + " are allowed";
        }
        if (!isSubdomain(name)) {
            return "\"" + name + "\" is not a valid name: use lower-case letters, digits, '-' and"
                    + " '.', starting and ending with a letter or digit (DNS-1123)";
        }
        return null;
    }

    /**
     * The longest ReplicaSet name: its containers are named {@code NAME-INDEX}, and
     * {@code NAME-999999} (the highest index {@link ReplicaSetSpec#MAX_REPLICAS} replicas reach)
     * must be a valid name too.
     */
    public static final int MAX_REPLICA_SET_NAME_LENGTH =
            MAX_NAME_LENGTH - ("-" + (ReplicaSetSpec.MAX_REPLICAS - 1)).length();

    /**
     * Say what is wrong with a ReplicaSet name beyond {@link #nameProblem}, or return
     * {@code null}: it must leave room for the {@code -INDEX} of its containers' names. The
     * check takes the highest index any replica count may reach, not the current one, because a
     * later scale must not make the ReplicaSet fail.
     */
    public static String replicaSetNameProblem(String name) {
        if (name == null || name.length() <= MAX_REPLICA_SET_NAME_LENGTH) {
            return null;
        }
        return "name is " + name.length() + " characters long; a ReplicaSet's containers are named NAME-INDEX,"
                + " and NAME-" + (ReplicaSetSpec.MAX_REPLICAS - 1) + " (the highest index " + ReplicaSetSpec.MAX_REPLICAS
                + " replicas reach) must fit in " + MAX_NAME_LENGTH + " characters: use at most "
                + MAX_REPLICA_SET_NAME_LENGTH;
    }

    /** How many random characters the store appends to a {@code generateName} prefix. */
    public static final int GENERATED_SUFFIX_LENGTH = 5;

    /**
     * Say what is wrong with a {@code generateName} prefix, or return {@code null} if the store
     * can make valid names from it (the prefix followed by {@value #GENERATED_SUFFIX_LENGTH}
     * random letters and digits).
     */
    public static String generateNameProblem(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "a generateName prefix is required when no name is given";
        }
        if (prefix.length() > MAX_NAME_LENGTH - GENERATED_SUFFIX_LENGTH) {
            return "generateName is " + prefix.length() + " characters long; at most "
                    + (MAX_NAME_LENGTH - GENERATED_SUFFIX_LENGTH) + " are allowed";
        }
        if (!isSubdomain(prefix + "a")) {
            return "\"" + prefix + "\" is not a valid generateName prefix: use lower-case letters, digits,"
                    + " '-' and '.', starting with a letter or digit (DNS-1123)";
        }
        return null;
    }

    /**
     * Say what is wrong with a namespace, or return {@code null} if it is valid: a DNS-1123
     * label of at most 63 characters.
     */
    public static String namespaceProblem(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return "a namespace is required";
        }
        if (namespace.length() > MAX_NAMESPACE_LENGTH || !isLabel(namespace, 0, namespace.length())) {
            return "\"" + namespace + "\" is not a valid namespace: use at most 63 lower-case"
                    + " letters, digits and '-', starting and ending with a letter or digit"
                    + " (DNS-1123 label)";
        }
        return null;
    }

    /**
     * Say what is wrong with a label key or value pair, or return {@code null} if it is valid.
     * Keys: an optional DNS prefix and '/', then up to 63 of letters, digits, '-', '_', '.'.
     * Values: up to 63 of the same, possibly empty.
     */
    public static String labelProblem(String key, String value) {
        if (key == null || key.isEmpty()) {
            return "label key must not be empty";
        }
        String local = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
        if (!isLabelText(local) || local.isEmpty()) {
            return "label key " + shown(key) + " is not valid: use up to 63 letters, digits, '-',"
                    + " '_' and '.', starting and ending with a letter or digit";
        }
        if (value == null || (!value.isEmpty() && !isLabelText(value))) {
            return "label value " + shown(value) + " for " + shown(key) + " is not valid: use up to 63"
                    + " letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
        }
        return null;
    }

    /** The longest text an error message quotes in full. */
    private static final int MAX_SHOWN = 100;

    /**
     * {@code text} quoted for an error message; cut after {@value #MAX_SHOWN} characters, with
     * its length, so a huge value (a megabyte) does not flood logs and terminals.
     */
    static String shown(String text) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= MAX_SHOWN) {
            return "\"" + text + "\"";
        }
        return "\"" + text.substring(0, MAX_SHOWN) + "...\" (" + text.length() + " characters)";
    }

    private static boolean isLabelText(String s) {
        return s.length() <= 63 && s.matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    }

    /**
     * Whether {@code s} is DNS-1123 labels joined by single dots (the regular expression
     * {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*}). Checked by hand:
     * every store write builds an {@link ObjectMeta} and so checks its name, and a regular
     * expression's matcher was a third of the cost of an update.
     */
    private static boolean isSubdomain(String s) {
        int start = 0;
        for (int dot = s.indexOf('.'); dot >= 0; dot = s.indexOf('.', start)) {
            if (!isLabel(s, start, dot)) {
                return false;
            }
            start = dot + 1;
        }
        return isLabel(s, start, s.length());
    }

    /** Whether {@code s[from, to)} is a DNS-1123 label: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}. */
    private static boolean isLabel(String s, int from, int to) {
        if (from >= to || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
