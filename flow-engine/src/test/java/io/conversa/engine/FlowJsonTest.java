package io.conversa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.engine.message.Media;
import io.conversa.engine.node.MessageNode;
import org.junit.jupiter.api.Test;

/** The flow format reads and writes back without loss. */
class FlowJsonTest {

    @Test
    void aFlowSurvivesARoundTrip() {
        Flow flow = Flows.parse(FlowEngineTest.ORDER_FLOW);

        Flow again = Flows.parse(Flows.JSON.writeValueAsString(flow));

        assertThat(again).isEqualTo(flow);
    }

    @Test
    void mediaKeepsTheCloudApisTypeName() {
        Flow flow = Flows.parse("""
                {"name": "m", "start": "a", "nodes": [{"id": "a", "type": "message",
                  "data": {"message": {"type": "document", "link": "https://example.com/menu.pdf", "filename": "menu.pdf"}}}]}
                """);

        Media media = (Media) ((MessageNode) flow.nodes().getFirst().data()).message();
        assertThat(media.type()).isEqualTo(Media.Kind.DOCUMENT);
        assertThat(Flows.JSON.writeValueAsString(flow)).contains("\"type\":\"document\"").contains("\"type\":\"message\"");
    }
}
