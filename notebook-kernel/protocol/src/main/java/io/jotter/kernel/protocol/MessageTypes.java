package io.jotter.kernel.protocol;

import java.util.HashMap;
import java.util.Map;

/** The registry from wire name ({@code msg_type}) to content type, and back. */
public final class MessageTypes {
    private static final Map<String, Class<? extends Content>> BY_NAME = new HashMap<>();
    private static final Map<Class<? extends Content>, String> BY_TYPE = new HashMap<>();

    static {
        register("execute_request", Content.ExecuteRequest.class);
        register("execute_reply", Content.ExecuteReply.class);
        register("execute_input", Content.ExecuteInput.class);
        register("execute_result", Content.ExecuteResult.class);
        register("display_data", Content.DisplayData.class);
        register("update_display_data", Content.UpdateDisplayData.class);
        register("clear_output", Content.ClearOutput.class);
        register("stream", Content.Stream.class);
        register("error", Content.Error.class);
        register("status", Content.Status.class);
        register("kernel_info_request", Content.KernelInfoRequest.class);
        register("kernel_info_reply", Content.KernelInfoReply.class);
        register("complete_request", Content.CompleteRequest.class);
        register("complete_reply", Content.CompleteReply.class);
        register("inspect_request", Content.InspectRequest.class);
        register("inspect_reply", Content.InspectReply.class);
        register("is_complete_request", Content.IsCompleteRequest.class);
        register("is_complete_reply", Content.IsCompleteReply.class);
        register("history_request", Content.HistoryRequest.class);
        register("history_reply", Content.HistoryReply.class);
        register("comm_info_request", Content.CommInfoRequest.class);
        register("comm_info_reply", Content.CommInfoReply.class);
        register("comm_open", Content.CommOpen.class);
        register("comm_msg", Content.CommMsg.class);
        register("comm_close", Content.CommClose.class);
        register("input_request", Content.InputRequest.class);
        register("input_reply", Content.InputReply.class);
        register("interrupt_request", Content.InterruptRequest.class);
        register("interrupt_reply", Content.InterruptReply.class);
        register("shutdown_request", Content.ShutdownRequest.class);
        register("shutdown_reply", Content.ShutdownReply.class);
        register("jotter_replay_request", Content.ReplayRequest.class);
        register("jotter_replay_reply", Content.ReplayReply.class);
    }

    private MessageTypes() {
    }

    private static void register(String name, Class<? extends Content> type) {
        BY_NAME.put(name, type);
        BY_TYPE.put(type, name);
    }

    /** The content type for a wire name, or {@code null} when the protocol has no such message here. */
    public static Class<? extends Content> typeOf(String msgType) {
        return BY_NAME.get(msgType);
    }

    /**
     * The wire name of a content type. {@link Content.ErrorReply} and {@link Content.Unknown} have none of
     * their own: their messages are named by whoever sends them.
     */
    public static String nameOf(Class<? extends Content> type) {
        String name = BY_TYPE.get(type);
        if (name == null) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no wire name of its own");
        }
        return name;
    }

    /** The reply name for a request name: {@code foo_request} gives {@code foo_reply}. */
    public static String replyNameOf(String requestName) {
        return requestName.endsWith("_request")
                ? requestName.substring(0, requestName.length() - "_request".length()) + "_reply"
                : requestName + "_reply";
    }
}
