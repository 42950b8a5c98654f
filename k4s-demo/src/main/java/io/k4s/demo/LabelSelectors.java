package io.k4s.demo;

import io.k4s.api.resource.Selector;

/**
 * Read the label selectors of {@code -l} with {@link Selector#parse}: Kubernetes' syntax, as
 * {@code kubectl -l} takes it ({@code app=calc,tier in (web,api),!canary}). Stateless.
 */
final class LabelSelectors {

    private LabelSelectors() {}

    /**
     * The selector {@code text} stands for.
     *
     * @throws IllegalArgumentException saying what is wrong, where, and what is accepted
     */
    static Selector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("-l needs a selector such as app=calc or app=calc,tier in (web,api)");
        }
        try {
            return Selector.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; write for example -l app=calc,tier!=web or"
                    + " -l 'tier in (web,api),!canary'", e);
        }
    }
}
