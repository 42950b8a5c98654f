package io.k4s.api.resource;

import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import java.util.List;

/** The schemas of an Image's spec and status ({@link Kinds#IMAGE}). */
public final class ImageSchemas {

    private ImageSchemas() {}

    /** A container spec's {@code image}: {@code NAME:VERSION}, checked as {@link ImageRef#problem(String)} does. */
    static final StringSchema REFERENCE = StringSchema.builder()
            .description("The worker image to run, NAME:VERSION: the jar NAME-VERSION.jar or the folder of jars"
                    + " NAME-VERSION/ in the plugins folder, loaded in a class loader of its own, so that"
                    + " several versions run side by side; worker names a type inside it. Without image, the"
                    + " worker type comes from the class path and the shared plugins. An image that is not there"
                    + " yet is accepted: the container stays Pending (ImageNotFound) until it is dropped in.")
            .check(ImageSchemas::referenceProblem)
            .build();

    /** Which image an Image resource reports. */
    static final ObjectSchema<ImageSpec> SPEC = ObjectSchema.<ImageSpec>builder("ImageSpec")
            .description("Which image: the NAME and VERSION of image: NAME:VERSION.")
            .required("name", StringSchema.builder().description("The image's name.")
                    .check(ImageRef::nameProblem).build(), ImageSpec::name, "")
            .required("version", StringSchema.builder().description("The image's version.")
                    .check(ImageRef::versionProblem).build(), ImageSpec::version, "")
            .build(v -> new ImageSpec(v.get("name"), v.get("version")));

    private static final ObjectSchema<ImageWorker> WORKER = ObjectSchema.<ImageWorker>builder("ImageWorker")
            .description("A worker type the image offers.")
            .required("name", StringSchema.of("The type name a container's worker uses."), ImageWorker::name, "")
            .required("className", StringSchema.of("Its fully qualified class name."), ImageWorker::className, "")
            .optional("description", StringSchema.of("What it does."), ImageWorker::description, "", "")
            .build(v -> new ImageWorker(v.get("name"), v.get("className"), v.get("description")));

    private static final EnumSchema<ImagePhase> PHASE = EnumSchema.of("Available (containers naming it start),"
            + " Broken (it could not be loaded: see problems), Removed (its file is gone; the containers on it keep"
            + " running and it is unloaded when the last one stops) or Pending (not loaded yet).", ImagePhase.values(),
            ImagePhase::text);
    private static final StringSchema SOURCE = StringSchema.of("The jar or folder it was loaded from.");
    private static final ListSchema<String> FILES = ListSchema.of("The jars on its class path.",
            StringSchema.of("A jar."));
    private static final ListSchema<ImageWorker> WORKERS = ListSchema.of("The worker types it offers, by name.", WORKER);
    private static final ListSchema<String> PROBLEMS = ListSchema.of("Why it could not be loaded, each with its file"
            + " and reason.", StringSchema.of("A problem."));
    private static final ListSchema<String> CONTAINERS = ListSchema.of("NAMESPACE/NAME of the containers running on"
            + " it, sorted; at most " + ImageStatus.MAX_LISTED + ".", StringSchema.of("A container."));
    private static final IntegerSchema<Integer> CONTAINER_COUNT = IntegerSchema.int32().min(0)
            .description("How many containers run on it.").build();
    private static final TimestampSchema LOADED_AT = TimestampSchema.of("When it was loaded.");

    private static final ObjectSchema<ImageNodeStatus> NODE = ObjectSchema.<ImageNodeStatus>builder("ImageNodeStatus")
            .description("What one node that holds the image found in its plugins folder, and which of its containers"
                    + " run on it: written by that node's agent alone.")
            .required("node", StringSchema.of("The node's name."), ImageNodeStatus::node, "")
            .optional("phase", PHASE, ImageNodeStatus::phase, ImagePhase.PENDING, "")
            .optional("source", SOURCE, ImageNodeStatus::source, "", "")
            .optional("files", FILES, ImageNodeStatus::files, List.of(), "")
            .optional("workers", WORKERS, ImageNodeStatus::workers, List.of(), "")
            .optional("problems", PROBLEMS, ImageNodeStatus::problems, List.of(), "")
            .optional("containers", CONTAINERS, ImageNodeStatus::containers, List.of(), "")
            .optional("containerCount", CONTAINER_COUNT, ImageNodeStatus::containerCount, 0, "")
            .optional("loadedAt", LOADED_AT, ImageNodeStatus::loadedAt, null, "")
            .build(v -> new ImageNodeStatus(v.get("node"), v.get("phase"), v.get("source"), v.get("files"),
                    v.get("workers"), v.get("problems"), v.get("containers"), v.<Integer>get("containerCount"),
                    v.get("loadedAt")));

    /** What the nodes found in an image and who uses it: each node's entry, and their sum. */
    static final ObjectSchema<ImageStatus> STATUS = ObjectSchema.<ImageStatus>builder("ImageStatus")
            .description("What the node agents found in the image, and which containers run on it: the sum of what"
                    + " each node that holds it reports in nodes.")
            .optional("phase", PHASE, ImageStatus::phase, ImagePhase.PENDING, "")
            .optional("source", SOURCE, ImageStatus::source, "", "")
            .optional("files", FILES, ImageStatus::files, List.of(), "")
            .optional("workers", WORKERS, ImageStatus::workers, List.of(), "")
            .optional("problems", PROBLEMS, ImageStatus::problems, List.of(), "")
            .optional("containers", CONTAINERS, ImageStatus::containers, List.of(), "")
            .optional("containerCount", CONTAINER_COUNT, ImageStatus::containerCount, 0, "")
            .optional("loadedAt", LOADED_AT, ImageStatus::loadedAt, null, "")
            .optional("nodes", ListSchema.of("Each node that holds the image, with what it found there; the image's"
                    + " resource is deleted when no node holds it any more.", NODE), ImageStatus::nodes, List.of(), "")
            .build(v -> new ImageStatus(v.get("phase"), v.get("source"), v.get("files"), v.get("workers"),
                    v.get("problems"), v.get("containers"), v.<Integer>get("containerCount"), v.get("loadedAt"),
                    v.get("nodes")));

    private static String referenceProblem(String reference) {
        String problem = ImageRef.problem(reference);
        return problem == null ? null : "\"" + reference + "\" " + problem;
    }
}
