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

    /** What the node found in an image and who uses it. */
    static final ObjectSchema<ImageStatus> STATUS = ObjectSchema.<ImageStatus>builder("ImageStatus")
            .description("What the node agent found in the image, and which containers run on it.")
            .optional("phase", EnumSchema.of("Available (containers naming it start), Broken (it could not be"
                    + " loaded: see problems), Removed (its file is gone; the containers on it keep running and it"
                    + " is unloaded when the last one stops) or Pending (not loaded yet).", ImagePhase.values(),
                    ImagePhase::text), ImageStatus::phase, ImagePhase.PENDING, "")
            .optional("source", StringSchema.of("The jar or folder it was loaded from."), ImageStatus::source, "", "")
            .optional("files", ListSchema.of("The jars on its class path.", StringSchema.of("A jar.")),
                    ImageStatus::files, List.of(), "")
            .optional("workers", ListSchema.of("The worker types it offers, by name.", WORKER), ImageStatus::workers,
                    List.of(), "")
            .optional("problems", ListSchema.of("Why it could not be loaded, each with its file and reason.",
                    StringSchema.of("A problem.")), ImageStatus::problems, List.of(), "")
            .optional("containers", ListSchema.of("NAMESPACE/NAME of the containers running on it, sorted; at most "
                    + ImageStatus.MAX_LISTED + ".", StringSchema.of("A container.")), ImageStatus::containers,
                    List.of(), "")
            .optional("containerCount", IntegerSchema.int32().min(0).description("How many containers run on it.")
                    .build(), ImageStatus::containerCount, 0, "")
            .optional("loadedAt", TimestampSchema.of("When it was loaded."), ImageStatus::loadedAt, null, "")
            .build(v -> new ImageStatus(v.get("phase"), v.get("source"), v.get("files"), v.get("workers"),
                    v.get("problems"), v.get("containers"), v.<Integer>get("containerCount"), v.get("loadedAt")));

    private static String referenceProblem(String reference) {
        String problem = ImageRef.problem(reference);
        return problem == null ? null : "\"" + reference + "\" " + problem;
    }
}
