package io.k4s.core.kind;

import io.k4s.api.resource.Condition;
import io.k4s.api.schema.FieldError;
import io.k4s.api.resource.KindProvider;
import io.k4s.api.resource.MetadataSchemas;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.PrinterColumn;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ScaleAccessors;
import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.DurationSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MapSchema;
import io.k4s.api.schema.NumberSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kinds that k4s does not ship, contributed the way a user's jar would: a {@link KindProvider}
 * named in a services file. Each test picks the provider folder it wants with {@link #loader}, so
 * the built-in kinds stay alone everywhere else.
 */
public final class TestKinds implements KindProvider {

    /** A widget: spec with replicas, a duration in seconds and a color; status with conditions. */
    public record Widget(ObjectMeta metadata, WidgetSpec spec, WidgetStatus status) implements Resource {

        /** Requires metadata and spec; a null status is the empty one. */
        public Widget {
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(spec, "spec");
            status = status == null ? WidgetStatus.EMPTY : status;
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
    public record WidgetSpec(String color, int replicas, Duration timeout, List<Double> sizes) {

        /** Copies the sizes. */
        public WidgetSpec {
            sizes = List.copyOf(sizes);
        }
    }

    /** What was observed of a widget. */
    public record WidgetStatus(int replicas, boolean painted, List<Condition> conditions) {

        static final WidgetStatus EMPTY = new WidgetStatus(0, false, List.of());

        /** Copies the conditions. */
        public WidgetStatus {
            conditions = List.copyOf(conditions);
        }
    }

    /** A note: configuration data whose fields sit next to metadata, as a ConfigMap's; no status. */
    public record Note(ObjectMeta metadata, NoteData spec) implements Resource {

        @Override
        public String kind() {
            return "Note";
        }

        @Override
        public Object status() {
            return null;
        }

        @Override
        public Note withMetadata(ObjectMeta metadata) {
            return new Note(metadata, spec);
        }

        @Override
        public Note withStatus(Object status) {
            return this;
        }
    }

    /** The data of a note. */
    public record NoteData(Map<String, String> data, boolean immutable) {}

    static final ObjectSchema<WidgetSpec> WIDGET_SPEC = ObjectSchema.<WidgetSpec>builder("WidgetSpec")
            .description("What a widget asks for.")
            .required("color", EnumSchema.<String>builder().value("red", "red").value("blue", "blue")
                    .value("invisible", "invisible").description("The color.").build(), WidgetSpec::color, "")
            .optional("replicas", IntegerSchema.int32().min(0).max(100).description("How many.").build(),
                    WidgetSpec::replicas, 1, "")
            .optional("timeout", DurationSchema.builder().integerSeconds().description("How long, in seconds.")
                    .build(), WidgetSpec::timeout, Duration.ofSeconds(30), "")
            .optional("sizes", ListSchema.of("Sizes.", NumberSchema.of("A size.")), WidgetSpec::sizes, List.of(), "")
            .build(v -> new WidgetSpec(v.get("color"), v.<Integer>get("replicas"), v.get("timeout"), v.get("sizes")));

    static final ObjectSchema<WidgetStatus> WIDGET_STATUS = ObjectSchema.<WidgetStatus>builder("WidgetStatus")
            .description("What was observed.")
            .optional("replicas", IntegerSchema.int32().min(0).build(), WidgetStatus::replicas, 0, "")
            .optional("painted", BooleanSchema.of("Whether it was painted."), WidgetStatus::painted, false, "")
            .optional("conditions", MetadataSchemas.CONDITIONS, WidgetStatus::conditions, List.of(), "")
            .build(v -> new WidgetStatus(v.<Integer>get("replicas"), v.<Boolean>get("painted"), v.get("conditions")));

    /** The widget descriptor. */
    public static final ResourceKind<Widget> WIDGET = ResourceKind.builder(Widget.class, "Widget", WIDGET_SPEC,
                    WIDGET_STATUS, WidgetStatus.EMPTY, Widget::new)
            .shortNames("wdg")
            .description("A widget, for tests.")
            .validation((w, context) -> w.spec().color().equals("invisible")
                    ? List.of(new FieldError("spec.color", "an invisible widget cannot be painted")) : List.of())
            .scale(new ScaleAccessors<>(w -> w.spec().replicas(),
                    (w, n) -> new Widget(w.metadata(), new WidgetSpec(w.spec().color(), n, w.spec().timeout(),
                            w.spec().sizes()), w.status()), w -> w.status().replicas(), w -> ""))
            .column(PrinterColumn.<Widget>of("COLOR", "The color", w -> w.spec().color()))
            .column(PrinterColumn.<Widget>integer("REPLICAS", "How many", w -> w.spec().replicas()))
            .column(PrinterColumn.<Widget>of("TIMEOUT", "How long", w -> w.spec().timeout()).wideOnly())
            .build();

    static final ObjectSchema<NoteData> NOTE_DATA = ObjectSchema.<NoteData>builder("NoteData")
            .description("The data of a note.")
            .optional("data", MapSchema.of("Text by key.", StringSchema.of("A text.")), NoteData::data, Map.of(), "")
            .optional("immutable", BooleanSchema.of("Whether the data may change."), NoteData::immutable, false, "")
            .build(v -> new NoteData(v.get("data"), v.<Boolean>get("immutable")));

    /** The note descriptor: inline spec, no status. */
    public static final ResourceKind<Note> NOTE = ResourceKind.builder(Note.class, "Note", NOTE_DATA, Note::new)
            .specInline()
            .description("A note, for tests.")
            .column(PrinterColumn.<Note>integer("DATA", "How many keys", n -> n.spec().data().size()))
            .build();

    /** The provider; ServiceLoader calls this. */
    public TestKinds() {}

    @Override
    public List<ResourceKind<?>> kinds() {
        return List.of(WIDGET, NOTE);
    }

    /**
     * A class loader that sees the test classpath plus the services files of
     * {@code kind-plugins/FOLDER}: {@code widgets}, {@code clash} or {@code broken}.
     */
    public static ClassLoader loader(String folder) {
        try {
            URL dir = Path.of(TestKinds.class.getResource("/kind-plugins/" + folder + "/").toURI()).toUri().toURL();
            return new URLClassLoader("test-kinds-" + folder, new URL[] {dir}, TestKinds.class.getClassLoader());
        } catch (URISyntaxException | MalformedURLException e) {
            throw new UncheckedIOException(new IOException("no kind-plugins/" + folder + " folder", e));
        }
    }
}
