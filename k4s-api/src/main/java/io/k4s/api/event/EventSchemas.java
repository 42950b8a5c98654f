package io.k4s.api.event;

import io.k4s.api.resource.PrinterColumn;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import java.util.Comparator;
import java.util.Locale;

/** The schema and descriptor of the {@link Event} kind. */
public final class EventSchemas {

    private EventSchemas() {}

    /** An {@code involvedObject}. */
    public static final ObjectSchema<ObjectReference> OBJECT_REFERENCE = ObjectSchema.<ObjectReference>builder(
                    "ObjectReference")
            .description("The object an event is about.")
            .required("kind", StringSchema.of("Its kind, such as Container."), ObjectReference::kind, "")
            .optional("namespace", StringSchema.of("Its namespace; empty for a cluster-scoped object."),
                    ObjectReference::namespace, "", "")
            .required("name", StringSchema.of("Its name."), ObjectReference::name, "")
            .optional("uid", StringSchema.of("Its uid."), ObjectReference::uid, null, "")
            .optional("apiVersion", StringSchema.of("Its API version."), ObjectReference::apiVersion,
                    Resource.API_VERSION, "")
            .build(v -> new ObjectReference(v.get("kind"), v.get("namespace"), v.get("name"), v.get("uid"),
                    v.get("apiVersion")));

    private static final ObjectSchema<Event.EventData> DATA = ObjectSchema.<Event.EventData>builder("EventData")
            .description("What happened, to what, how often and when.")
            .required("involvedObject", OBJECT_REFERENCE, Event.EventData::involvedObject, "")
            .optional("reason", StringSchema.of("A CamelCase word such as SuccessfulCreate."), Event.EventData::reason,
                    "", "")
            .optional("message", StringSchema.of("A sentence for people."), Event.EventData::message, "", "")
            .optional("type", EnumSchema.of("Normal (ordinary progress) or Warning (something to look at).",
                    EventType.values(), EventType::text), Event.EventData::type, EventType.NORMAL, "")
            .optional("count", IntegerSchema.int32().min(1).description("How often it happened: repeats of the same"
                    + " object, type, reason and message are folded into one event.").build(),
                    Event.EventData::count, 1, "")
            .optional("firstTimestamp", TimestampSchema.of("When it first happened."), Event.EventData::firstTimestamp,
                    null, "")
            .optional("lastTimestamp", TimestampSchema.of("When it last happened."), Event.EventData::lastTimestamp,
                    null, "")
            .optional("reportingComponent", StringSchema.of("Who recorded it, such as replicaset-controller."),
                    Event.EventData::reportingComponent, "", "")
            .build(v -> new Event.EventData(v.get("involvedObject"), v.get("reason"), v.get("message"), v.get("type"),
                    v.<Integer>get("count"), v.get("firstTimestamp"), v.get("lastTimestamp"),
                    v.get("reportingComponent")));

    /** Events: what happened to resources, newest last in {@code get events}. */
    public static final ResourceKind<Event> EVENT = ResourceKind.builder(Event.class, Event.KIND, DATA, Event::new)
            .apiVersion("v1").specInline().shortNames("ev")
            .description("What happened to a resource (SuccessfulCreate, ScalingReplicaSet, Started, Killing,"
                    + " BackOff...), written by the controllers and the runtime; repeats are folded into one with a"
                    + " count; they expire after an hour by default.")
            .order(Comparator.comparing((Event e) -> e.spec().lastTimestamp(),
                    Comparator.nullsFirst(Comparator.naturalOrder())))
            .column(new PrinterColumn<Event>("LAST SEEN", "date", "When it last happened", false,
                    e -> e.spec().lastTimestamp()))
            .column(PrinterColumn.<Event>of("TYPE", "Normal or Warning", e -> e.spec().type().text()))
            .column(PrinterColumn.<Event>of("REASON", "Why, in a word", e -> e.spec().reason()))
            .column(PrinterColumn.<Event>of("OBJECT", "kind/name of what it is about",
                    e -> e.spec().involvedObject().kind().toLowerCase(Locale.ROOT) + "/"
                            + e.spec().involvedObject().name()))
            .column(PrinterColumn.<Event>integer("COUNT", "How often", e -> e.spec().count()).wideOnly())
            .column(PrinterColumn.<Event>of("MESSAGE", "What happened", e -> e.spec().message()))
            .build();
}
