package io.k4s.server.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenFileTest {

    @Test
    void readsKubernetesStaticTokenLines_withQuotedGroups() {
        TokenFile tokens = TokenFile.parse("""
                # admins first
                t1,alice,100,"system:masters,ops"

                t2,bob,101
                """, "tokens.csv");
        User alice = tokens.user("t1").orElseThrow();
        assertEquals("alice", alice.name());
        assertEquals(List.of("system:masters", "ops", User.AUTHENTICATED), alice.groups());
        assertTrue(alice.master());
        assertEquals(List.of(User.AUTHENTICATED), tokens.user("t2").orElseThrow().groups());
        assertEquals(Optional.empty(), tokens.user("t3"));
        assertEquals(Optional.of("t1"), tokens.adminToken());
    }

    @Test
    void badLines_nameTheFileAndLine() {
        assertEquals("tokens.csv:2: expected token,user,uid[,\"groups\"] (2 columns found)", assertThrows(
                IllegalArgumentException.class, () -> TokenFile.parse("t1,a,1\nt2,b\n", "tokens.csv")).getMessage());
        assertEquals("tokens.csv:2: this token is given twice", assertThrows(IllegalArgumentException.class,
                () -> TokenFile.parse("t1,a,1\nt1,b,2\n", "tokens.csv")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenFile.parse("t1,a,1,\"g\n", "tokens.csv"))
                .getMessage().contains("a quote is not closed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenFile.parse("# none\n", "tokens.csv"))
                .getMessage().contains("no token found"));
    }
}
