package io.k4s.core;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * List the live threads whose names start with "k4s-", virtual ones included.
 *
 * <p>{@link Thread#getAllStackTraces()} does not see virtual threads, so this takes a JSON
 * thread dump through the HotSpot diagnostic bean, which does.
 */
public final class ThreadCensus {

    private static final Pattern NAME = Pattern.compile("\"name\":\\s*\"(k4s-[^\"]*)\"");

    private ThreadCensus() {}

    /** The names of live k4s threads, sorted. */
    public static List<String> liveK4sThreads() {
        try {
            Path dir = Files.createTempDirectory("k4s-threads");
            Path dump = dir.resolve("threads.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                List<String> names = new ArrayList<>();
                Matcher m = NAME.matcher(Files.readString(dump));
                while (m.find()) {
                    names.add(m.group(1));
                }
                names.sort(null);
                return names;
            } finally {
                Files.deleteIfExists(dump);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not take a thread dump: " + e.getMessage(), e);
        }
    }
}
