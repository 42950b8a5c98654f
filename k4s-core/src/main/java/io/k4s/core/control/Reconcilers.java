package io.k4s.core.control;

import io.k4s.api.control.Reconciler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Find the reconcilers registered in {@code META-INF/services/io.k4s.api.control.Reconciler}.
 *
 * <p>Discovery is defensive, as SLF4J's is: a provider that cannot be loaded or constructed is
 * logged at WARN, naming it and the file that declares it, and skipped; the others still load.
 * A second reconciler with a name already taken is skipped the same way. Thread-safe: every
 * call loads afresh.
 */
public final class Reconcilers {

    private static final Logger LOG = LoggerFactory.getLogger(Reconcilers.class);
    private static final String SERVICES_FILE = "META-INF/services/" + Reconciler.class.getName();
    /** Stops a provider iterator that keeps failing without moving on. */
    private static final int MAX_PROBLEMS = 1000;

    /**
     * Report what discovery found.
     *
     * @param reconcilers the reconcilers that loaded, in discovery order
     * @param problems    one sentence per provider that was skipped, naming it and its source
     */
    public record Loaded(List<Reconciler> reconcilers, List<String> problems) {

        /** Copies the lists. */
        public Loaded {
            reconcilers = List.copyOf(reconcilers);
            problems = List.copyOf(problems);
        }
    }

    private Reconcilers() {
    }

    /**
     * Load every reconciler {@code loader} can see; problems are logged at WARN and skipped.
     *
     * @return the reconcilers that loaded, in discovery order
     */
    public static List<Reconciler> load(ClassLoader loader) {
        return discover(loader).reconcilers();
    }

    /** Load every reconciler {@code loader} can see, and say which providers were skipped and why. */
    public static Loaded discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<Reconciler> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Reconciler> byName = new HashMap<>();
        Iterator<ServiceLoader.Provider<Reconciler>> providers =
                ServiceLoader.load(Reconciler.class, loader).stream().iterator();
        while (problems.size() < MAX_PROBLEMS) {
            ServiceLoader.Provider<Reconciler> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(problem(loader, null, e));
                continue;
            }
            Reconciler reconciler;
            String name;
            try {
                reconciler = provider.get();
                name = Objects.requireNonNull(reconciler.name(), "name()");
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problems.add(problem(loader, provider.type(), e));
                continue;
            }
            Reconciler taken = byName.putIfAbsent(name, reconciler);
            if (taken != null) {
                String text = "reconciler " + reconciler.getClass().getName() + " from "
                        + source(reconciler.getClass()) + " is named \"" + name
                        + "\" like " + taken.getClass().getName() + " from " + source(taken.getClass())
                        + "; skipped it: give one of them another name() or remove a jar";
                LOG.warn(text);
                problems.add(text);
                continue;
            }
            loaded.add(reconciler);
        }
        return new Loaded(loaded, problems);
    }

    private static String problem(ClassLoader loader, Class<?> type, Throwable error) {
        String message = String.valueOf(error.getMessage());
        String text = type != null
                ? "skipped reconciler " + type.getName() + " declared in "
                        + declaringFiles(loader, type.getName()::equals) + " (class from " + source(type) + ")"
                : "skipped a reconciler declared in " + declaringFiles(loader, message::contains);
        text += ": " + describe(error) + "; fix or remove that jar (or its line in " + SERVICES_FILE + ")";
        LOG.warn(text);
        LOG.debug("stack trace of the skipped reconciler above", error);
        return text;
    }

    private static String describe(Throwable error) {
        StringBuilder b = new StringBuilder(error.toString());
        for (Throwable c = error.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            b.append(", caused by ").append(c);
        }
        return b.toString();
    }

    /** Where a class was loaded from: its jar or directory, or "the JDK". */
    static String source(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? "the JDK" : cs.getLocation().toString();
    }

    /** The services files with a provider line that {@code declares} accepts, or else all of them. */
    private static String declaringFiles(ClassLoader loader, Predicate<String> declares) {
        List<String> all = new ArrayList<>();
        List<String> declaring = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(SERVICES_FILE))) {
                all.add(url.toString());
                for (String provider : providerNames(url)) {
                    if (declares.test(provider)) {
                        declaring.add(url.toString());
                        break;
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "an unreadable " + SERVICES_FILE + " (" + e + ")";
        }
        List<String> files = declaring.isEmpty() ? all : declaring;
        return files.isEmpty() ? SERVICES_FILE : String.join(" or ", files);
    }

    private static List<String> providerNames(URL url) {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        return names;
    }
}
