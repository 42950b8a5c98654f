package io.k4s.api.resource;

import java.util.Map;

/**
 * The {@code metadata} of a container template on the wire: the labels and annotations every
 * created container gets. Only the template's schema uses it; {@link ContainerTemplate} keeps
 * them as its own fields.
 */
record TemplateMetadata(Map<String, String> labels, Map<String, String> annotations) {

    static final TemplateMetadata EMPTY = new TemplateMetadata(Map.of(), Map.of());

    static TemplateMetadata of(ContainerTemplate template) {
        return new TemplateMetadata(template.labels(), template.annotations());
    }
}
