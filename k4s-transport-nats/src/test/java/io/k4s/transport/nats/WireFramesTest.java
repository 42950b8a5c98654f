package io.k4s.transport.nats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.core.messaging.WireMessage;
import io.k4s.core.messaging.WireReply;
import io.k4s.core.wire.Encoded;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link WireFrames} writes reads back the same, and what is not a frame of this version is refused saying so. */
class WireFramesTest {

    private static final Address CONTAINER = Address.container("team-a", "calc-0");
    private static final byte[] BODY = "\"ping\"".getBytes(StandardCharsets.UTF_8);

    @Test
    void message_withEveryField_readsBackTheSame() {
        WireMessage m = new WireMessage(CONTAINER, Address.service("team-a", "calc"),
                Address.container(null, "caller-0"), "node.b-1", Map.of("trace", "ä€-1", "k.ey with spaces", ""),
                new Encoded("kryo", "com.example.Order", BODY), 30_000_000_000L);

        WireMessage back = WireFrames.message(WireFrames.message(m));

        assertEquals(m.container(), back.container());
        assertEquals(m.target(), back.target());
        assertEquals(m.sender(), back.sender());
        assertEquals(m.fromNode(), back.fromNode());
        assertEquals(m.headers(), back.headers());
        assertEquals(m.timeoutMillis(), back.timeoutMillis());
        assertEquals("kryo", back.payload().codec());
        assertEquals("com.example.Order", back.payload().type());
        assertArrayEquals(BODY, back.payload().body());
    }

    @Test
    void fireAndForget_toTheContainerItself_readsBackWithoutSenderTypeOrHeaders() {
        WireMessage m = new WireMessage(CONTAINER, CONTAINER, null, "a", Map.of(), new Encoded("json", null, BODY), 0);

        WireMessage back = WireFrames.message(WireFrames.message(m));

        assertSame(back.container(), back.target());
        assertEquals(CONTAINER, back.container());
        assertNull(back.sender());
        assertNull(back.payload().type());
        assertEquals(Map.of(), back.headers());
        assertEquals(false, back.request());
        assertArrayEquals(BODY, back.payload().body());
    }

    @Test
    void replies_valueAndFailure_readBackTheSame() {
        WireReply value = WireFrames.reply(WireFrames.reply(WireReply.of(new Encoded("json", null, BODY))));
        WireReply failed = WireFrames.reply(WireFrames.reply(WireReply.failed(new byte[] {1, 2, 3})));

        assertEquals("json", value.value().codec());
        assertArrayEquals(BODY, value.value().body());
        assertArrayEquals(new byte[] {1, 2, 3}, failed.failure());
    }

    @Test
    void refusal_carriesTheFailureAndTheRefusedPayload() {
        WireMessage m = new WireMessage(CONTAINER, CONTAINER, Address.container("team-a", "caller-0"), "b",
                Map.of(), new Encoded("json", "com.example.Ping", BODY), 0);

        WireMessage.Refusal back = WireFrames.refusal(WireFrames.refusal(WireReply.failed(new byte[] {9}), m));

        assertEquals(CONTAINER, back.container());
        assertEquals(m.sender(), back.sender());
        assertArrayEquals(new byte[] {9}, back.failure());
        assertEquals("com.example.Ping", back.payload().type());
        assertArrayEquals(BODY, back.payload().body());
    }

    @Test
    void anotherVersion_isRefusedNamingBothVersions() {
        byte[] frame = WireFrames.reply(WireReply.failed(new byte[] {1}));
        frame[1] = 7;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireFrames.reply(frame));

        assertTrue(e.getMessage().contains("version 7") && e.getMessage().contains("version 1"), e.getMessage());
    }

    @Test
    void aFrameCutShort_orNotAFrame_isRefused() {
        WireMessage m = new WireMessage(CONTAINER, CONTAINER, null, "a", Map.of("h", "v"),
                new Encoded("json", null, BODY), 5);
        byte[] frame = WireFrames.message(m);

        assertThrows(IllegalArgumentException.class, () -> WireFrames.message(Arrays.copyOf(frame, 12)));
        assertThrows(IllegalArgumentException.class, () -> WireFrames.message(BODY));
        assertThrows(IllegalArgumentException.class, () -> WireFrames.message((byte[]) null));
        assertThrows(IllegalArgumentException.class, () -> WireFrames.refusal(frame));
    }

    @Test
    void aForgedHeaderCount_isRefusedAsCutShort_withoutSizingAMapByIt() {
        byte[] frame = {'K', WireFrames.VERSION, 'M',
                1, 0, 1, 'c',                           // container: no namespace, name "c"
                3, 0,                                   // target: the container; no sender
                1, 'a', 0,                              // from node "a"; fire-and-forget
                4, 'j', 's', 'o', 'n', 0,               // codec "json", no type
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}; // 2^31 - 1 headers, none there

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireFrames.message(frame));

        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }
}
