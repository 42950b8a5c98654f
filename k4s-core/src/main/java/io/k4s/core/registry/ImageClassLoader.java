package io.k4s.core.registry;

import io.k4s.api.resource.ImageRef;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Load the classes of one image: parent-first for the JDK, {@code io.k4s.api} and SLF4J, so that
 * every image and the host share the worker contract, the payload types of the JDK and one
 * logging binding; child-first for everything else, so that an image's own classes and the
 * libraries it bundles win over the host's and never meet another image's (Kafka Connect's
 * {@code PluginClassLoader} is the model). A class the image does not have comes from the
 * parent, the application class path.
 *
 * <p>Resources are child-first too, except the worker services file, which lists the image's own
 * providers only: the class path's workers are not the image's.
 *
 * <p>Thread-safe (parallel capable). Closed by {@link Images} when the image is unloaded.
 */
final class ImageClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** The packages of the JDK's modules, always the parent's. */
    private static final Set<String> JDK_PACKAGES = jdkPackages();
    /** The prefixes of the classes every image shares with the host. */
    private static final List<String> SHARED_PREFIXES = List.of("java.", "io.k4s.api.", "org.slf4j.");

    private final ImageRef image;

    ImageClassLoader(ImageRef image, URL[] jars, ClassLoader parent) {
        super("image " + image, jars, parent);
        this.image = image;
    }

    /** The image this loader loads. */
    ImageRef image() {
        return image;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (shared(name)) {
                    c = super.loadClass(name, false);
                } else {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notInTheImage) {
                        c = super.loadClass(name, false);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(findResources(name));
        if (!ProviderScan.SERVICES_FILE.equals(name) && getParent() != null) {
            all.addAll(Collections.list(getParent().getResources(name)));
        }
        return Collections.enumeration(all);
    }

    /** Whether {@code className} must come from the parent: a JDK, k4s API or SLF4J class. */
    static boolean shared(String className) {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 && JDK_PACKAGES.contains(className.substring(0, dot));
    }

    private static Set<String> jdkPackages() {
        Set<String> packages = new HashSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            ModuleDescriptor d = m.getDescriptor();
            if (d != null) {
                packages.addAll(d.packages());
            }
        }
        return Set.copyOf(packages);
    }

    @Override
    public String toString() {
        return "image " + image + " " + new ArrayList<>(List.of(getURLs()));
    }
}
