package io.jotter.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The content of a message, one record per message type. Field names follow the Jupyter
 * messaging spec (5.3), mapped to snake_case on the wire by {@link Json#MAPPER}. Optional fields
 * are nullable wrappers; the accessors that apply the spec's defaults say so.
 *
 * @see <a href="https://jupyter-client.readthedocs.io/en/latest/messaging.html">Messaging in Jupyter</a>
 */
public sealed interface Content {

    /** Shell: run code. Spec defaults: silent false, store_history true (false when silent), allow_stdin true, stop_on_error true. */
    record ExecuteRequest(String code, Boolean silent, Boolean storeHistory, Map<String, String> userExpressions,
                          Boolean allowStdin, Boolean stopOnError) implements Content {
        public boolean isSilent() {
            return Boolean.TRUE.equals(silent);
        }

        public boolean storesHistory() {
            return !isSilent() && !Boolean.FALSE.equals(storeHistory);
        }

        public boolean allowsStdin() {
            return !Boolean.FALSE.equals(allowStdin);
        }

        public boolean stopsOnError() {
            return !Boolean.FALSE.equals(stopOnError);
        }
    }

    /** Shell reply to execute; status ok, error (with ename, evalue, traceback) or aborted. */
    record ExecuteReply(String status, int executionCount, Map<String, JsonNode> userExpressions, List<Object> payload,
                        String ename, String evalue, List<String> traceback) implements Content {
        public static ExecuteReply ok(int count, Map<String, JsonNode> userExpressions) {
            return new ExecuteReply("ok", count, userExpressions, List.of(), null, null, null);
        }

        public static ExecuteReply error(int count, String ename, String evalue, List<String> traceback) {
            return new ExecuteReply("error", count, Map.of(), List.of(), ename, evalue, traceback);
        }

        public static ExecuteReply aborted(int count) {
            return new ExecuteReply("aborted", count, null, null, null, null, null);
        }
    }

    /** IOPub: the code being run, broadcast to every client. */
    record ExecuteInput(String code, int executionCount) implements Content {
    }

    /** IOPub: the value of a cell's last expression. */
    record ExecuteResult(int executionCount, ObjectNode data, ObjectNode metadata) implements Content {
    }

    /** IOPub: rich output; {@code transient.display_id} lets a later update replace it. */
    record DisplayData(ObjectNode data, ObjectNode metadata,
                       @JsonProperty("transient") Map<String, String> transientData) implements Content {
    }

    /** IOPub: replaces the output shown under a display id. */
    record UpdateDisplayData(ObjectNode data, ObjectNode metadata,
                             @JsonProperty("transient") Map<String, String> transientData) implements Content {
    }

    /** IOPub: clear the cell's output, now or (wait) when the next output arrives. */
    record ClearOutput(@JsonProperty("wait") boolean waitForNext) implements Content {
    }

    /** IOPub: text written to {@code stdout} or {@code stderr}. */
    record Stream(String name, String text) implements Content {
    }

    /** IOPub: an error raised by the code run; the traceback lines may hold ANSI colour codes. */
    record Error(String ename, String evalue, List<String> traceback) implements Content {
    }

    /** IOPub: {@code busy}, {@code idle} or {@code starting}. */
    record Status(String executionState) implements Content {
    }

    record KernelInfoRequest() implements Content {
    }

    record KernelInfoReply(String status, String protocolVersion, String implementation, String implementationVersion,
                           LanguageInfo languageInfo, String banner, List<HelpLink> helpLinks, boolean debugger)
            implements Content {
    }

    /** {@code codemirror_mode} is a string or an object per the spec (ipykernel sends {@code {"name": "ipython", "version": 3}}). */
    record LanguageInfo(String name, String version, String mimetype, String fileExtension, String pygmentsLexer,
                        Object codemirrorMode) {
    }

    record HelpLink(String text, String url) {
    }

    record CompleteRequest(String code, int cursorPos) implements Content {
    }

    record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd, ObjectNode metadata)
            implements Content {
    }

    record InspectRequest(String code, int cursorPos, Integer detailLevel) implements Content {
    }

    record InspectReply(String status, boolean found, ObjectNode data, ObjectNode metadata) implements Content {
    }

    record IsCompleteRequest(String code) implements Content {
    }

    /** Status is complete, incomplete (with the indent for the next line), invalid or unknown. */
    record IsCompleteReply(String status, String indent) implements Content {
    }

    record HistoryRequest(Boolean output, Boolean raw, String histAccessType, Integer session, Integer start,
                          Integer stop, Integer n, String pattern, Boolean unique) implements Content {
    }

    /** Each entry is {@code [session, line_number, input]}. */
    record HistoryReply(String status, List<List<Object>> history) implements Content {
    }

    record CommInfoRequest(String targetName) implements Content {
    }

    /** {@code comms}: comm id to {@code {"target_name": ...}}, for the open comms of the asked target (all when none). */
    record CommInfoReply(String status, Map<String, Object> comms) implements Content {
    }

    /**
     * Shell (client to kernel) or iopub (kernel to clients): opens a comm, a two-way channel between an object in the
     * kernel and one in the front end, such as a widget and its model. {@code target_name} says which handler opens
     * the other end; {@code data} is the target's own (for widgets: {@code state} and {@code buffer_paths}).
     */
    record CommOpen(String commId, String targetName, ObjectNode data, String targetModule) implements Content {
    }

    /** Shell or iopub: a message on an open comm; it has no reply. */
    record CommMsg(String commId, ObjectNode data) implements Content {
    }

    /** Shell or iopub: closes a comm; it has no reply. */
    record CommClose(String commId, ObjectNode data) implements Content {
    }

    /** Stdin: the kernel asks the client that sent the request for a line of input. */
    record InputRequest(String prompt, boolean password) implements Content {
    }

    record InputReply(String value) implements Content {
    }

    record InterruptRequest() implements Content {
    }

    record InterruptReply(String status) implements Content {
    }

    record ShutdownRequest(boolean restart) implements Content {
    }

    record ShutdownReply(String status, boolean restart) implements Content {
    }

    /**
     * Control (Jotter's own, not in the Jupyter spec): what the kernel published on iopub for these requests,
     * so a server that subscribed late (another replica adopting the kernel mid-cell) can complete the output
     * that ZeroMQ dropped while nobody listened.
     *
     * @param parentMsgIds the {@code msg_id}s of the requests (usually execute requests) whose output is wanted
     */
    record ReplayRequest(List<String> parentMsgIds) implements Content {
    }

    /**
     * Answer to {@link ReplayRequest}; the kernel does not publish it, nor busy and idle for it, on iopub.
     *
     * @param status always {@code ok}
     * @param messages every iopub message the kernel still keeps whose parent is one of the requests, in the
     *     order published, each as Jupyter's JSON without buffers: {@code header}, {@code parent_header},
     *     {@code metadata}, {@code content}; none for ids the kernel never saw or no longer keeps
     * @param truncated true when the kernel had to drop some of these requests' messages to stay in its bounds
     *     (the oldest go first), so {@code messages} is not all they published
     */
    record ReplayReply(String status, List<ObjectNode> messages, boolean truncated) implements Content {
        private static final System.Logger LOG = System.getLogger(ReplayReply.class.getName());

        public static ReplayReply ok(List<ObjectNode> messages, boolean truncated) {
            return new ReplayReply("ok", messages, truncated);
        }

        /**
         * The messages as {@link Message}s, parsed as live ones are (unknown types as {@link Unknown}), to go
         * through the same code. One that does not parse is left out with a warning, as a live one is dropped.
         */
        public List<Message<?>> decoded() {
            List<Message<?>> decoded = new ArrayList<>(messages == null ? 0 : messages.size());
            for (ObjectNode json : messages == null ? List.<ObjectNode>of() : messages) {
                try {
                    decoded.add(WebSocketMessages.messageOf(json));
                } catch (WireFormatException e) {
                    LOG.log(System.Logger.Level.WARNING, "left out a replayed message: {0}", e.getMessage());
                }
            }
            return decoded;
        }
    }

    /** A reply with status error, for requests the kernel cannot serve. */
    record ErrorReply(String status, String ename, String evalue, List<String> traceback) implements Content {
        public static ErrorReply of(String ename, String evalue) {
            return new ErrorReply("error", ename, evalue, List.of());
        }
    }

    /** A message whose type this side does not know; its content is kept as it came. */
    record Unknown(JsonNode raw) implements Content {
    }
}
