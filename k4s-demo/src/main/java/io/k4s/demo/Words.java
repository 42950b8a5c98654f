package io.k4s.demo;

import io.k4s.api.resource.Image;
import io.k4s.api.resource.ImageRef;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.kind.KindRegistry;
import java.util.ArrayList;
import java.util.List;

/** Split shell lines into words and read the common argument shapes. Stateless. */
final class Words {

    /** A kind and a name, from {@code KIND/NAME} or {@code KIND NAME}. */
    record Target(ResourceKind<?> kind, String name) {}

    private Words() {}

    /** Split on whitespace; double or single quotes keep spaces inside one word. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a quote (" + quote + ") is never closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The kind (one of {@code kinds}) and name of {@code KIND/NAME} or {@code KIND NAME}. An image
     * may be named as a container names it, {@code NAME:VERSION} ({@code image greeter:1.0}).
     *
     * @throws IllegalArgumentException naming the accepted forms, or the known kinds
     */
    static Target target(List<String> words, String verb, KindRegistry kinds) {
        String kind;
        String name;
        if (words.size() == 1 && words.get(0).contains("/")) {
            String[] parts = words.get(0).split("/", 2);
            kind = parts[0];
            name = parts[1];
        } else if (words.size() == 2) {
            kind = words.get(0);
            name = words.get(1);
        } else {
            throw new IllegalArgumentException(verb + " needs KIND/NAME or KIND NAME, e.g. " + verb + " rs/calc");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException(verb + " needs a name after the kind, e.g. " + verb + " rs/calc");
        }
        ResourceKind<?> resolved = kinds.require(kind);
        if (resolved.type() == Image.class && name.contains(":")) {
            name = ImageRef.parse(name).resourceName();
        }
        return new Target(resolved, name);
    }
}
