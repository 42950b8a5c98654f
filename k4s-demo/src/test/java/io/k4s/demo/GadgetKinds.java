package io.k4s.demo;

import io.k4s.api.resource.Condition;
import io.k4s.api.resource.KindProvider;
import io.k4s.api.resource.MetadataSchemas;
import io.k4s.api.resource.ObjectMeta;
import io.k4s.api.resource.PrinterColumn;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.resource.ScaleAccessors;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ObjectSchema;
import java.util.List;
import java.util.Objects;

/**
 * A kind the shell has never heard of, contributed by a provider in a plugins jar: the shell must
 * list, print, describe, explain and scale it from its descriptor alone.
 */
public final class GadgetKinds implements KindProvider {

    /** A gadget. */
    public record Gadget(ObjectMeta metadata, GadgetSpec spec, GadgetStatus status) implements Resource {

        /** Requires metadata and spec. */
        public Gadget {
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(spec, "spec");
            status = status == null ? GadgetStatus.EMPTY : status;
        }

        @Override
        public String kind() {
            return "Gadget";
        }

        @Override
        public Gadget withMetadata(ObjectMeta metadata) {
            return new Gadget(metadata, spec, status);
        }

        @Override
        public Gadget withStatus(Object status) {
            return new Gadget(metadata, spec, (GadgetStatus) status);
        }
    }

    /** What a gadget asks for. */
    public record GadgetSpec(String size, int copies) {}

    /** What was observed of a gadget. */
    public record GadgetStatus(List<Condition> conditions) {

        static final GadgetStatus EMPTY = new GadgetStatus(List.of());
    }

    static final ResourceKind<Gadget> GADGET = ResourceKind.builder(Gadget.class, "Gadget",
                    ObjectSchema.<GadgetSpec>builder("GadgetSpec").description("What a gadget asks for.")
                            .required("size", EnumSchema.<String>builder().value("small", "small").value("large", "large")
                                    .description("How big the gadget is.").build(), GadgetSpec::size, "")
                            .optional("copies", IntegerSchema.int32().min(0).max(10)
                                    .description("How many copies to make.").build(), GadgetSpec::copies, 1, "")
                            .build(v -> new GadgetSpec(v.get("size"), v.<Integer>get("copies"))),
                    ObjectSchema.<GadgetStatus>builder("GadgetStatus").description("What was observed.")
                            .optional("conditions", MetadataSchemas.CONDITIONS, GadgetStatus::conditions, List.of(), "")
                            .build(v -> new GadgetStatus(v.get("conditions"))),
                    GadgetStatus.EMPTY, Gadget::new)
            .shortNames("gdg")
            .description("A gadget that only tests know.")
            .scale(new ScaleAccessors<>(g -> g.spec().copies(),
                    (g, n) -> new Gadget(g.metadata(), new GadgetSpec(g.spec().size(), n), g.status()),
                    g -> g.spec().copies(), g -> ""))
            .column(PrinterColumn.<Gadget>of("SIZE", "How big", g -> g.spec().size()))
            .column(PrinterColumn.<Gadget>integer("COPIES", "How many", g -> g.spec().copies()).wideOnly())
            .build();

    /** The provider; ServiceLoader calls this. */
    public GadgetKinds() {}

    @Override
    public List<ResourceKind<?>> kinds() {
        return List.of(GADGET);
    }
}
