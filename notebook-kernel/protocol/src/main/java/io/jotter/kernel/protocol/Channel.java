package io.jotter.kernel.protocol;

/** The five channels of a kernel, named as they are on the kernel WebSocket's {@code channel} field. */
public enum Channel {
    SHELL("shell"),
    IOPUB("iopub"),
    STDIN("stdin"),
    CONTROL("control"),
    HEARTBEAT("hb");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
