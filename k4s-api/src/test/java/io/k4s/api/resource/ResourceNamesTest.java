package io.k4s.api.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Names are checked by hand, not by a regular expression: they must agree with Kubernetes' expressions. */
class ResourceNamesTest {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Test
    void namesAndNamespaces_agreeWithTheDns1123Expressions_onEdgeCasesAndRandomStrings() {
        List<String> edges = List.of("a", "-", ".", "a-", "-a", "a.b", "a..b", ".a", "a.", "a-.b", "a.-b", "A", "a_b",
                "0", "0-0", "a.b-c.d", "é", "a b");
        for (String s : edges) {
            assertAgrees(s);
        }
        Random random = new Random(42);
        String alphabet = "ab09-.-.A_";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertAgrees(s.toString());
        }
    }

    private static void assertAgrees(String s) {
        assertEquals(SUBDOMAIN.matcher(s).matches(), ResourceNames.nameProblem(s) == null, "name \"" + s + "\"");
        assertEquals(LABEL.matcher(s).matches(), ResourceNames.namespaceProblem(s) == null, "namespace \"" + s + "\"");
    }

    @Test
    void limitsAndMessages_areUnchanged() {
        assertNull(ResourceNames.nameProblem("a".repeat(ResourceNames.MAX_NAME_LENGTH)));
        assertEquals("name is 254 characters long; at most 253 are allowed",
                ResourceNames.nameProblem("a".repeat(254)));
        assertEquals("\"" + "a".repeat(64) + "\" is not a valid namespace: use at most 63 lower-case letters, digits"
                + " and '-', starting and ending with a letter or digit (DNS-1123 label)",
                ResourceNames.namespaceProblem("a".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> ObjectMeta.of("Bad_Name"));
    }

    @Test
    void metadataMaps_areCopiedOnce_keepTheirOrder_andCannotBeChanged() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("z", "1");
        labels.put("a", "2");
        ObjectMeta meta = ObjectMeta.of("x").withLabels(labels);
        labels.put("late", "3");

        assertEquals(List.of("z", "a"), List.copyOf(meta.labels().keySet()), "the caller's later change is not seen");
        assertEquals(Map.of("z", "1", "a", "2"), meta.labels());
        assertEquals(meta.labels(), Map.of("z", "1", "a", "2"));
        assertEquals(Map.of("z", "1", "a", "2").hashCode(), meta.labels().hashCode());
        assertSame(meta.labels(), meta.withResourceVersion(7).labels(), "a copy of a copy shares it");
        assertThrows(UnsupportedOperationException.class, () -> meta.labels().put("b", "3"));
        assertThrows(UnsupportedOperationException.class, () -> meta.labels().entrySet().iterator().next().setValue("9"));
        assertThrows(UnsupportedOperationException.class, () -> meta.labels().keySet().remove("z"));
    }
}
