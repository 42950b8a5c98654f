package io.k4s.core.manifest;

import io.k4s.api.resource.ManifestError;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Split a YAML stream into node trees with positions, safely: SnakeYAML's parser and composer
 * only, no constructor, so no object is ever built from a tag.
 *
 * <p>Limits: {@value #MAX_ALIASES} aliases to collections (billion laughs), {@value #MAX_DEPTH}
 * levels of nesting, {@value #MAX_CODE_POINTS} characters in the whole stream (counted as they
 * are read, so a huge manifest is refused after reading 3 MB of it, not after parsing all of
 * it); global tags ({@code !!java...}) are
 * refused by SnakeYAML's default tag inspector. A broken stream cannot be read past the break,
 * so the first YAML-level problem ends the stream and is returned as one {@link ManifestError}.
 * Called by one thread per stream.
 */
final class YamlDocuments {

    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 50;
    static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    private YamlDocuments() {}

    /**
     * Hand every document's root node to {@code sink}, in order.
     *
     * @return the problem that stopped the stream, or {@code null} if all of it was read
     * @throws UncheckedIOException if {@code reader} fails
     */
    static ManifestError compose(Reader reader, String source, Consumer<Node> sink) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        LineIndex lines = new LineIndex(reader);
        StreamReader stream = new StreamReader(lines);
        MarkingParser parser = new MarkingParser(new ParserImpl(stream, options));
        Composer composer = new Composer(parser, new Resolver(), options);
        try {
            while (composer.checkNode()) {
                sink.accept(composer.getNode());
            }
            return null;
        } catch (ReaderException e) {
            return new ManifestError(source, lines.lineOf(e.getPosition()), lines.columnOf(e.getPosition()), "", "", "",
                    String.format("character U+%04X is not allowed in YAML: remove it or write it as an escape"
                            + " in a double-quoted string", e.getCodePoint()));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return error(source, mark, describe(e));
        } catch (YAMLException e) {
            if (e.getCause() instanceof TooLarge) {
                return error(source, parser.last != null ? parser.last : stream.getMark(), tooLarge());
            }
            if (e.getCause() instanceof CharacterCodingException) {
                return error(source, null, "the text is not valid UTF-8; save the file as UTF-8");
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("cannot read " + source + ": " + io.getMessage(), io);
            }
            String message = String.valueOf(e.getMessage());
            Mark at = parser.last != null ? parser.last : stream.getMark();
            if (message.startsWith("The incoming YAML document exceeds the limit")) {
                return error(source, at, tooLarge());
            }
            if (message.startsWith("Number of aliases")) {
                return error(source, at, "too many aliases (limit " + MAX_ALIASES
                        + "): is this a billion-laughs document?");
            }
            if (message.startsWith("Nesting Depth exceeded")) {
                return error(source, at, "nested too deeply (limit " + MAX_DEPTH + " levels)");
            }
            return error(source, at, "cannot read the YAML: " + message);
        } catch (IllegalArgumentException e) {
            // SnakeYAML reports a malformed tag such as "!%e" this way, not as a YAMLException.
            Mark at = parser.last != null ? parser.last : stream.getMark();
            return error(source, at, "malformed tag (" + e.getMessage() + "); tags are not allowed in k4s"
                    + " manifests: remove it");
        }
    }

    private static String tooLarge() {
        return "the manifest is too large (limit " + MAX_CODE_POINTS + " characters, 3 MB); split it into several"
                + " files";
    }

    /** The stream passed {@link #MAX_CODE_POINTS} characters; SnakeYAML hands it back as the cause of a YAMLException. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("more than " + MAX_CODE_POINTS + " characters");
        }
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? String.valueOf(e.getMessage()) : e.getProblem();
        String globalTag = "Global tag is not allowed: ";
        if (problem.startsWith(globalTag)) {
            return tagsNotAllowed(problem.substring(globalTag.length()).trim());
        }
        Mark context = e.getContextMark();
        if (e.getContext() != null && context != null && context != e.getProblemMark()) {
            return problem + " (" + e.getContext() + " that started at line " + (context.getLine() + 1)
                    + ", column " + (context.getColumn() + 1) + ")";
        }
        return e.getContext() == null ? problem : e.getContext() + ": " + problem;
    }

    /** The message for a tagged node: tags could name Java classes, so none is accepted. */
    static String tagsNotAllowed(String tag) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return "tags are not allowed (found " + shown + "): k4s reads plain YAML values only";
    }

    private static ManifestError error(String source, Mark mark, String message) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new ManifestError(source, line, column, "", "", "", message);
    }

    /**
     * Remember where each line starts, to place SnakeYAML's character-index errors, and refuse
     * to read past {@link #MAX_CODE_POINTS} characters.
     */
    private static final class LineIndex extends FilterReader {
        private final List<Integer> starts = new ArrayList<>(List.of(0));
        private int offset;

        LineIndex(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int from, int length) throws IOException {
            int n = super.read(buffer, from, length);
            for (int i = 0; i < n; i++) {
                if (buffer[from + i] == '\n') {
                    starts.add(offset + i + 1);
                }
            }
            offset += Math.max(n, 0);
            if (offset > MAX_CODE_POINTS) {
                throw new TooLarge();
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        /** The 1-based line of the character at {@code index}. */
        int lineOf(int index) {
            int at = Collections.binarySearch(starts, index);
            return at >= 0 ? at + 1 : -at - 1;
        }

        /** The 1-based column of the character at {@code index}. */
        int columnOf(int index) {
            return index - starts.get(lineOf(index) - 1) + 1;
        }
    }

    /** Remember where the last event the composer took started: SnakeYAML's limit errors carry no position. */
    private static final class MarkingParser implements Parser {
        private final Parser delegate;
        private Mark last;

        MarkingParser(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = delegate.getEvent();
            if (event != null && event.getStartMark() != null) {
                last = event.getStartMark();
            }
            return event;
        }
    }
}
