package io.jotter.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketMessagesTest {
    /** What @jupyterlab/services sends for a cell run. */
    private static final String EXECUTE = """
            {"channel": "shell", "buffers": [],
             "header": {"msg_id": "m-1", "session": "s-1", "username": "u", "date": "2026-11-27T10:00:00Z",
                        "msg_type": "execute_request", "version": "5.3"},
             "parent_header": {}, "metadata": {"cellId": "cell-7"},
             "content": {"code": "1 + 1", "silent": false, "store_history": true, "user_expressions": {},
                         "allow_stdin": true, "stop_on_error": true}}
            """;

    @Test
    void parsesAClientsExecuteRequestKeepingItsHeader() throws Exception {
        WebSocketMessages.Routed routed = WebSocketMessages.fromJson(EXECUTE);
        assertEquals(Channel.SHELL, routed.channel());
        assertEquals("m-1", routed.message().header().msgId(), "replies are matched by the client's own msg_id");
        assertEquals("cell-7", routed.message().metadataText("cellId"));
        assertEquals("1 + 1", assertInstanceOf(Content.ExecuteRequest.class, routed.message().content()).code());
    }

    @Test
    void writesAKernelMessageWithItsChannelAndParent() throws Exception {
        Message<?> request = WebSocketMessages.fromJson(EXECUTE).message();
        Message<?> stream = request.child(new Content.Stream("stdout", "hi\n"), "kernel-session");
        JsonNode json = Json.MAPPER.readTree(WebSocketMessages.toJson(Channel.IOPUB, stream));
        assertEquals("iopub", json.get("channel").asText());
        assertEquals("stream", json.get("msg_type").asText());
        assertEquals("m-1", json.get("parent_header").get("msg_id").asText());
        assertEquals("hi\n", json.get("content").get("text").asText());
        assertTrue(json.get("buffers").isArray());
    }

    @Test
    void writesJupyterServersFieldsInItsOrderWithEmptyObjectsForAMissingParent() throws Exception {
        Message<?> status = new Message<>(List.of(), Header.create("status", "k-1", "kernel"), null, null,
                new Content.Status("idle"), List.of());
        String text = WebSocketMessages.toJson(Channel.IOPUB, status);
        assertTrue(text.startsWith("{\"channel\":\"iopub\",\"header\":{\"msg_id\":"), text);
        JsonNode json = Json.MAPPER.readTree(text);
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("channel", "header", "parent_header", "metadata", "content", "msg_id", "msg_type",
                "buffers"), fields);
        assertEquals("{}", json.get("parent_header").toString());
        assertEquals("{}", json.get("metadata").toString());
        assertEquals("{\"execution_state\":\"idle\"}", json.get("content").toString());
        assertEquals(status.header().msgId(), json.get("msg_id").asText());
        assertEquals("[]", json.get("buffers").toString());
    }

    @Test
    void commMessagesAreTypedBothWays() throws Exception {
        Message<?> message = WebSocketMessages.fromJson(EXECUTE.replace("execute_request", "comm_open")
                .replace("\"code\": \"1 + 1\"", "\"comm_id\": \"c1\", \"target_name\": \"jupyter.widget\","
                        + " \"data\": {\"state\": {\"value\": 3}}")).message();
        Content.CommOpen open = assertInstanceOf(Content.CommOpen.class, message.content());
        assertEquals("jupyter.widget", open.targetName());
        assertEquals(3, open.data().get("state").get("value").asInt());
        JsonNode back = Json.MAPPER.readTree(WebSocketMessages.toJson(Channel.SHELL, message));
        assertEquals("comm_open", back.get("header").get("msg_type").asText());
        assertEquals("c1", back.get("content").get("comm_id").asText());
        assertEquals("jupyter.widget", back.get("content").get("target_name").asText());
        assertFalse(back.get("content").has("target_module"), "absent, not null");
    }

    @Test
    void keepsUnknownMessageTypesAsTheyCame() throws Exception {
        Message<?> message = WebSocketMessages.fromJson(EXECUTE.replace("execute_request", "debug_request")
                .replace("\"code\": \"1 + 1\"", "\"comm_id\": \"c1\"")).message();
        Content.Unknown unknown = assertInstanceOf(Content.Unknown.class, message.content());
        assertEquals("c1", unknown.raw().get("comm_id").asText());
        JsonNode back = Json.MAPPER.readTree(WebSocketMessages.toJson(Channel.SHELL, message));
        assertEquals("c1", back.get("content").get("comm_id").asText());
    }

    @Test
    void rejectsWhatIsNotAMessageWithAReason() {
        assertTrue(assertThrows(WireFormatException.class, () -> WebSocketMessages.fromJson("{nope"))
                .getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(WireFormatException.class,
                () -> WebSocketMessages.fromJson(EXECUTE.replace("\"shell\"", "\"iopub\"")))
                .getMessage().contains("shell, control or stdin"));
        assertTrue(assertThrows(WireFormatException.class,
                () -> WebSocketMessages.fromJson(EXECUTE.replace("\"msg_type\": \"execute_request\",", "")))
                .getMessage().contains("msg_type"));
        assertThrows(WireFormatException.class,
                () -> WebSocketMessages.fromJson(EXECUTE.replace("\"code\": \"1 + 1\"", "\"code\": {\"a\": 1}")));
    }
}
