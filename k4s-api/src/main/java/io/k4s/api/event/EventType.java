package io.k4s.api.event;

/** Whether an event reports ordinary progress or something a person should look at. */
public enum EventType {
    /** Ordinary progress: created, started, scaled. */
    NORMAL("Normal"),
    /** Something went wrong or may need attention: a crash, a failed probe, a failed create. */
    WARNING("Warning");

    private final String text;

    EventType(String text) {
        this.text = text;
    }

    /** The spelling in manifests and output: {@code Normal} or {@code Warning}. */
    public String text() {
        return text;
    }
}
