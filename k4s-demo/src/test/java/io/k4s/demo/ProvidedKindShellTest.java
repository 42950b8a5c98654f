package io.k4s.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kind contributed by a plugins jar (a services file naming {@link GadgetKinds}) is applied,
 * stored, listed, printed, described, explained and scaled by the shell: nothing in k4s-core or
 * the shell names it.
 */
class ProvidedKindShellTest {

    @TempDir
    Path dir;

    @Test
    void theShell_handlesAKindFromAPluginJar_fromItsDescriptorAlone() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("gadgets-1.0.jar")))) {
            jar.putNextEntry(new JarEntry("META-INF/services/io.k4s.api.resource.KindProvider"));
            jar.write((GadgetKinds.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        Path manifest = Files.writeString(dir.resolve("gadget.yaml"), """
                apiVersion: k4s.io/v1
                kind: Gadget
                metadata: {name: g, labels: {team: tools}}
                spec: {size: large, copies: 2}
                """);
        String script = String.join("\n",
                "get gadgets",
                "get gdg -o wide",
                "get gadget g -o json",
                "get gadget/g -o yaml",
                "get all -o name",
                "describe gadget/g",
                "explain gadget.spec.size",
                "scale gdg/g --replicas=4",
                "get gadget g -o wide",
                "help",
                "") + "\n";

        Cli.Result r = Cli.runWithInput(script, "run", "--plugins", plugins.toString(), "-f", manifest.toString());

        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err(), r::toString);
        List<String> out = r.out().lines().toList();
        assertTrue(out.contains("gadget/g created"), r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches("NAME\\s+SIZE\\s+AGE")), r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches("g\\s+large\\s+\\d+s")), r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches("NAME\\s+SIZE\\s+AGE\\s+COPIES")), r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches("g\\s+large\\s+\\d+s\\s+2")), r::toString);
        assertTrue(r.out().contains("{\n    \"apiVersion\": \"k4s.io/v1\",\n    \"kind\": \"Gadget\",\n"), r::toString);
        assertTrue(r.out().contains("spec:\n  size: large\n  copies: 2\n"), r::toString);
        assertTrue(out.contains("gadget/g"), r::toString);
        assertTrue(out.contains("Kind:                     Gadget"), r::toString);
        assertTrue(out.contains("  Size:                   large"), r::toString);
        assertTrue(out.contains("FIELD: size <string> -required-"), r::toString);
        assertTrue(out.contains("    How big the gadget is."), r::toString);
        assertTrue(out.contains("    Possible values: small, large."), r::toString);
        assertTrue(out.contains("gadget/g scaled to 4"), r::toString);
        assertTrue(out.stream().anyMatch(l -> l.matches("g\\s+large\\s+\\d+s\\s+4")), r::toString);
        assertTrue(r.out().contains("gadgets|gdg"), "help names the kind: " + r);
    }
}
