package io.k4s.store.etcd;

import io.k4s.core.kind.KindRegistry;
import io.k4s.core.store.StorageBackend;
import io.k4s.core.store.StorageProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Open {@code etcd://HOST:PORT[,HOST:PORT...][/PREFIX]} locations as an {@link EtcdBackend}:
 * what {@code --store etcd://...} asks for. The prefix ({@code /k4s} by default) lets several
 * clusters share one etcd. Registered in
 * {@code META-INF/services/io.k4s.core.store.StorageProvider}. Stateless.
 */
public final class EtcdProvider implements StorageProvider {

    /** The scheme: {@code etcd}. */
    public static final String SCHEME = "etcd";
    /** How long etcd may take to answer a call. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ENDPOINT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+):[0-9]{1,5}");

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String usage() {
        return "etcd://HOST:PORT[,HOST:PORT...][/PREFIX]";
    }

    @Override
    public StorageBackend open(String location, KindRegistry kinds) {
        Target t = parse(location);
        return EtcdBackend.open(t.endpoints(), t.root(), kinds, TIMEOUT);
    }

    /** What a location names. */
    record Target(List<String> endpoints, String root) {}

    /**
     * The endpoints ({@code http://HOST:PORT}) and key prefix of {@code location}.
     *
     * @throws IllegalArgumentException if it is not {@code etcd://HOST:PORT[,...][/PREFIX]}
     */
    Target parse(String location) {
        String prefix = SCHEME + "://";
        if (!location.startsWith(prefix)) {
            throw bad(location, "it does not start with " + prefix);
        }
        String rest = location.substring(prefix.length());
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String root = slash < 0 || slash == rest.length() - 1 ? EtcdBackend.DEFAULT_ROOT
                : rest.substring(slash).replaceAll("/+$", "");
        List<String> endpoints = new ArrayList<>();
        for (String hostPort : hosts.split(",", -1)) {
            if (!ENDPOINT.matcher(hostPort).matches()) {
                throw bad(location, "\"" + hostPort + "\" is not HOST:PORT");
            }
            endpoints.add("http://" + hostPort);
        }
        if (root.contains("//")) {
            throw bad(location, "its prefix \"" + root + "\" has an empty segment");
        }
        return new Target(endpoints, root);
    }

    private IllegalArgumentException bad(String location, String why) {
        return new IllegalArgumentException("storage location \"" + location + "\": " + why + "; write " + usage()
                + ", for example etcd://127.0.0.1:2379");
    }
}
