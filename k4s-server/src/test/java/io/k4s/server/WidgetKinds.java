package io.k4s.server;

import io.k4s.api.resource.KindProvider;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.PrinterColumn;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ScaleAccessors;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import java.util.List;
import java.util.Objects;

/**
 * A kind of another group that only the tests define, with no reconciler: the server must serve
 * it (CRUD, status, scale, OpenAPI, Tables) from its descriptor alone, as a kind from a user's jar.
 */
public final class WidgetKinds implements KindProvider {

    /** A widget. */
    public record Widget(ObjectMeta metadata, WidgetSpec spec, WidgetStatus status) implements Resource {

        /** Requires metadata and spec. */
        public Widget {
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(spec, "spec");
            status = status == null ? WidgetStatus.EMPTY : status;
        }

        @Override
        public String apiVersion() {
            return "example.com/v1";
        }

        @Override
        public String kind() {
            return "Widget";
        }

        @Override
        public Widget withMetadata(ObjectMeta metadata) {
            return new Widget(metadata, spec, status);
        }

        @Override
        public Widget withStatus(Object status) {
            return new Widget(metadata, spec, (WidgetStatus) status);
        }
    }

    /** What a widget asks for. */
    public record WidgetSpec(String color, int replicas) {}

    /** What was observed of a widget. */
    public record WidgetStatus(int replicas, String phase) {
        static final WidgetStatus EMPTY = new WidgetStatus(0, "");
    }

    static final ResourceKind<Widget> WIDGET = ResourceKind.builder(Widget.class, "Widget",
                    ObjectSchema.<WidgetSpec>builder("WidgetSpec").description("What a widget asks for.")
                            .required("color", EnumSchema.<String>builder().value("red", "red").value("blue", "blue")
                                    .description("The color.").build(), WidgetSpec::color, "")
                            .optional("replicas", IntegerSchema.int32().min(0).max(10).description("How many.")
                                    .build(), WidgetSpec::replicas, 1, "")
                            .build(v -> new WidgetSpec(v.get("color"), v.<Integer>get("replicas"))),
                    ObjectSchema.<WidgetStatus>builder("WidgetStatus").description("What was observed.")
                            .optional("replicas", IntegerSchema.int32().min(0).build(), WidgetStatus::replicas, 0, "")
                            .optional("phase", StringSchema.of("Where it is."), WidgetStatus::phase, "", "")
                            .build(v -> new WidgetStatus(v.<Integer>get("replicas"), v.get("phase"))),
                    WidgetStatus.EMPTY, Widget::new)
            .apiVersion("example.com/v1")
            .shortNames("wdg")
            .description("A widget that only tests know.")
            .scale(new ScaleAccessors<>(w -> w.spec().replicas(),
                    (w, n) -> new Widget(w.metadata(), new WidgetSpec(w.spec().color(), n), w.status()),
                    w -> w.status().replicas(), w -> "kind=widget"))
            .column(PrinterColumn.<Widget>of("COLOR", "The color", w -> w.spec().color()))
            .column(PrinterColumn.<Widget>integer("REPLICAS", "How many", w -> w.spec().replicas()))
            .column(PrinterColumn.<Widget>of("PHASE", "Where it is", w -> w.status().phase()).wideOnly())
            .build();

    /** The provider; ServiceLoader calls this. */
    public WidgetKinds() {}

    @Override
    public List<ResourceKind<?>> kinds() {
        return List.of(WIDGET);
    }
}
