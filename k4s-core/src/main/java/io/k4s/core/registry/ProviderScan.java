package io.k4s.core.registry;

import io.k4s.api.Worker;
import io.k4s.api.WorkerType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Walk the {@code Worker} providers a class loader declares without instantiating them, and
 * attribute every broken one to the jar whose services file names it.
 */
final class ProviderScan {

    /** The services file that declares worker providers. */
    static final String SERVICES_FILE = "META-INF/services/" + Worker.class.getName();

    /** Stop after this many failures in a row: a loader that fails forever must not hang startup. */
    private static final int MAX_FAILURES_IN_A_ROW = 10_000;

    /** One provider that loaded, with its name and where it came from. */
    record Found(ServiceLoader.Provider<Worker> provider, String name, String description,
                 String source, String location) {}

    private final List<Found> found = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** Class name -> the jars (or folders) whose services file lists it, in loader order. */
    private final Map<String, List<String>> declaredIn = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Set<Path> pluginJars = new HashSet<>();
    private int cursor;
    private boolean initialize;

    private ProviderScan() {}

    /** Scan {@code loader}; problems are collected, never thrown. */
    static ProviderScan scan(ClassLoader loader) {
        return scan(loader, false);
    }

    /**
     * Scan {@code loader}; with {@code initialize}, also run each provider's static initializer,
     * so that one that throws is a problem now rather than at the first container (what an image
     * needs: it is loaded once and used by containers later). Problems are collected, never thrown.
     */
    static ProviderScan scan(ClassLoader loader, boolean initialize) {
        ProviderScan scan = new ProviderScan();
        scan.initialize = initialize;
        scan.problems.addAll(Plugins.problems(loader));
        scan.collectPluginJars(loader);
        scan.readServicesFiles(loader);
        scan.iterate(loader);
        return scan;
    }

    List<Found> found() {
        return found;
    }

    List<String> problems() {
        return problems;
    }

    private void collectPluginJars(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls
                    && (l instanceof ImageClassLoader || Plugins.LOADER_NAME.equals(urls.getName()))) {
                for (URL url : urls.getURLs()) {
                    Path p = toPath(url);
                    if (p != null) {
                        pluginJars.add(p);
                    }
                }
            }
        }
    }

    private void readServicesFiles(ClassLoader loader) {
        Enumeration<URL> files;
        try {
            files = loader.getResources(SERVICES_FILE);
        } catch (IOException e) {
            problems.add("cannot list the " + SERVICES_FILE + " files: " + e.getMessage());
            return;
        }
        while (files.hasMoreElements()) {
            URL file = files.nextElement();
            String where = declaringLocation(file);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(uncached(file), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int hash = line.indexOf('#');
                    String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (!name.isEmpty()) {
                        if (!declaredIn.containsKey(name)) {
                            order.add(name);
                        }
                        declaredIn.computeIfAbsent(name, k -> new ArrayList<>()).add(where);
                    }
                }
            } catch (IOException e) {
                problems.add("cannot read " + SERVICES_FILE + " in " + where + ": " + e.getMessage());
            }
        }
    }

    /**
     * Open {@code url} without the JDK's cache of opened jars, which would keep the jar open after
     * its loader closed and hand out a stale copy of a jar replaced under the same name (what
     * ServiceLoader does too).
     */
    private static InputStream uncached(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }

    private void iterate(ClassLoader loader) {
        Iterator<ServiceLoader.Provider<Worker>> it =
                ServiceLoader.load(Worker.class, loader).stream().iterator();
        int failuresInARow = 0;
        while (true) {
            ServiceLoader.Provider<Worker> provider;
            try {
                if (!it.hasNext()) {
                    return;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // ServiceLoader's iterator moves past a broken entry: report it and go on.
                problems.add(describeFailure(e));
                if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                    problems.add("stopped looking for worker providers after " + failuresInARow
                            + " failures in a row");
                    return;
                }
                continue;
            }
            failuresInARow = 0;
            accept(provider);
        }
    }

    private void accept(ServiceLoader.Provider<Worker> provider) {
        Class<? extends Worker> type = provider.type();
        advancePast(type.getName());
        Path location = codeLocation(type);
        String locationText = location != null ? location.toString() : firstDeclarer(type.getName());
        String source = location != null && pluginJars.contains(location)
                ? location.toString() : WorkerTypeInfo.CLASSPATH;
        String name;
        String description;
        try {
            WorkerType annotation = type.getAnnotation(WorkerType.class);
            boolean named = annotation != null && !annotation.value().isBlank();
            name = named ? annotation.value().trim() : WorkerNames.derive(type.getSimpleName());
            description = annotation != null ? annotation.description() : "";
        } catch (RuntimeException | LinkageError e) {
            problems.add("worker provider " + type.getName() + " (from " + locationText
                    + "): cannot read its @WorkerType annotation: " + e
                    + "; it was skipped");
            return;
        }
        if (initialize) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (ExceptionInInitializerError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problems.add("worker provider " + type.getName() + " (from " + locationText
                        + "): its static initializer threw " + cause + "; it was skipped: fix the class");
                return;
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("worker provider " + type.getName() + " (from " + locationText
                        + "): cannot be initialized: " + e + "; it was skipped: check that its jar has every"
                        + " class it needs");
                return;
            }
        }
        found.add(new Found(provider, name, description, source, locationText));
    }

    private String describeFailure(Throwable e) {
        String culprit = culprit(e);
        String reason = e instanceof ServiceConfigurationError && e.getMessage() != null ? e.getMessage() : e.toString();
        if (e.getCause() != null) {
            reason = reason + " (caused by " + e.getCause() + ")";
        }
        if (culprit == null) {
            return "a worker provider could not be loaded and was skipped: " + reason;
        }
        return "worker provider " + culprit + " declared in " + String.join(" and ", declaredIn.get(culprit))
                + " could not be loaded and was skipped: " + reason + "; fix the class or remove its line from "
                + SERVICES_FILE + " in that jar";
    }

    /**
     * The declared class a failure is about: the longest declared name its message mentions,
     * else the next name in the order ServiceLoader walks them.
     */
    private String culprit(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replace('/', '.');
        String best = null;
        for (String name : order) {
            if (message.contains(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        if (best == null && cursor < order.size()) {
            best = order.get(cursor);
        }
        if (best != null) {
            advancePast(best);
        }
        return best;
    }

    private void advancePast(String className) {
        int at = order.indexOf(className);
        if (at >= cursor) {
            cursor = at + 1;
        }
    }

    private String firstDeclarer(String className) {
        List<String> where = declaredIn.get(className);
        return where == null || where.isEmpty() ? "an unknown location" : where.get(0);
    }

    /** The jar or folder a services file lives in. */
    static String declaringLocation(URL servicesFile) {
        String text = servicesFile.toString();
        if (text.startsWith("jar:") && text.contains("!/")) {
            String jar = text.substring("jar:".length(), text.indexOf("!/"));
            try {
                Path p = toPath(URI.create(jar).toURL());
                return p != null ? p.toString() : jar;
            } catch (MalformedURLException | IllegalArgumentException e) {
                return jar;
            }
        }
        Path p = toPath(servicesFile);
        if (p != null && p.getNameCount() >= 3) {
            return p.getParent().getParent().getParent().toString();
        }
        return text;
    }

    /** Where a class was loaded from (a jar or a classes folder), or {@code null}. */
    static Path codeLocation(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? null : toPath(cs.getLocation());
    }

    private static Path toPath(URL url) {
        if (!"file".equalsIgnoreCase(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }
}
