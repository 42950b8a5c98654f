package io.k4s.server.internal.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Read an {@code Accept} header the way Kubernetes clients write it: media types with the
 * parameters {@code as}, {@code g} and {@code v} that ask for another representation, such as
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io} or
 * {@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}. The client's
 * order is its preference. Immutable.
 *
 * @param ranges the media ranges, in the order given
 */
public record Accept(List<MediaRange> ranges) {

    /**
     * One media range.
     *
     * @param type   such as {@code application/json}, lower case
     * @param params its parameters, keys lower case
     */
    public record MediaRange(String type, Map<String, String> params) {

        /** Whether this asks for {@code as} in group {@code g}, version {@code v}. */
        boolean asks(String as, String group, String version) {
            return as.equals(params.get("as")) && group.equals(params.get("g")) && version.equals(params.get("v"));
        }
    }

    /** The ranges of {@code header} ({@code null}: none, which means anything). */
    public static Accept parse(String header) {
        List<MediaRange> ranges = new ArrayList<>();
        if (header != null) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";");
                String type = parts[0].strip().toLowerCase(Locale.ROOT);
                if (type.isEmpty()) {
                    continue;
                }
                Map<String, String> params = new HashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    if (eq > 0) {
                        params.put(parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT),
                                parts[i].substring(eq + 1).strip());
                    }
                }
                ranges.add(new MediaRange(type, Map.copyOf(params)));
            }
        }
        return new Accept(List.copyOf(ranges));
    }

    /**
     * The version of {@code as} in group {@code group} the client prefers among {@code versions},
     * or {@code null} if it asks for none of them.
     */
    public String preferred(String as, String group, List<String> versions) {
        for (MediaRange r : ranges) {
            for (String v : versions) {
                if (r.asks(as, group, v)) {
                    return v;
                }
            }
        }
        return null;
    }

    /** Whether the client asks for a Table ({@code as=Table;g=meta.k8s.io}, v1 or v1beta1). */
    public String table() {
        return preferred("Table", "meta.k8s.io", List.of("v1", "v1beta1"));
    }

    /**
     * Whether the client accepts plain JSON, or anything: an empty header, {@code *}{@code /*},
     * {@code application/*} or {@code application/json} without {@code as}.
     */
    public boolean json() {
        if (ranges.isEmpty()) {
            return true;
        }
        for (MediaRange r : ranges) {
            boolean plain = !r.params().containsKey("as");
            if (plain && (r.type().equals("*/*") || r.type().equals("application/*")
                    || r.type().equals("application/json"))) {
                return true;
            }
        }
        return false;
    }
}
