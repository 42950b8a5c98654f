package io.k4s.core.kind;

import io.k4s.api.resource.KindProvider;
import io.k4s.api.resource.ResourceKind;
import java.util.List;

/** A provider whose kind takes a short name the built-in ReplicaSet has: a startup error. */
public final class ClashingKinds implements KindProvider {

    /** The provider; ServiceLoader calls this. */
    public ClashingKinds() {}

    @Override
    public List<ResourceKind<?>> kinds() {
        return List.of(ResourceKind.builder(TestKinds.Note.class, "Gadget", TestKinds.NOTE_DATA,
                TestKinds.Note::new).shortNames("rs").build());
    }
}
