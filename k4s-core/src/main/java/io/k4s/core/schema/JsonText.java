package io.k4s.core.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Read and write JSON text as the generic form (maps, lists, scalars), with Jackson.
 *
 * <p>Reading is bounded like manifest reading: at most {@value #MAX_DOCUMENT_LENGTH} characters,
 * {@value #MAX_DEPTH} levels of nesting, strings of at most {@value #MAX_STRING_LENGTH}
 * characters and numbers of at most {@value #MAX_NUMBER_LENGTH} digits; a key given twice in one
 * object and anything after the first value are errors. Writing is compact, or indented by four
 * spaces as {@code kubectl get -o json} prints. Immutable and thread-safe.
 */
public final class JsonText {

    /** The longest JSON text read, in characters (3 MB, as for manifests). */
    public static final int MAX_DOCUMENT_LENGTH = 3 * 1024 * 1024;

    /** The deepest nesting read. */
    public static final int MAX_DEPTH = 64;

    /** The longest string read, in characters. */
    public static final int MAX_STRING_LENGTH = 1024 * 1024;

    /** The most digits a number may have. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    private JsonText() {}

    /**
     * The generic form of {@code json}.
     *
     * @throws IllegalArgumentException saying what is wrong and where (line and column), or which
     *                                  limit the text exceeds
     */
    public static Object read(String json) {
        if (json.length() > MAX_DOCUMENT_LENGTH) {
            throw new IllegalArgumentException("the JSON text is " + json.length() + " characters long; at most "
                    + MAX_DOCUMENT_LENGTH + " are read");
        }
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("the JSON text exceeds a limit: " + e.getOriginalMessage()
                    + where(e.getLocation()), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage() + where(e.getLocation()), e);
        }
    }

    /** {@code generic} as compact JSON. */
    public static String write(Object generic) {
        try {
            return MAPPER.writeValueAsString(generic);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code generic} as JSON indented by four spaces, ending with a newline. */
    public static String writePretty(Object generic) {
        try {
            return PRETTY.writeValueAsString(generic) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
