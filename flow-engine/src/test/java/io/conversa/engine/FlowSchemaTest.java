package io.conversa.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.node.NodeTypes;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The published JSON Schema (docs/flow.schema.json) names exactly the types the engine reads. */
class FlowSchemaTest {

    final JsonNode schema = Flows.JSON.readTree(Path.of("../docs/flow.schema.json").toFile());

    @Test
    void nodeTypesMatchTheEngine() {
        assertThat(schema.at("/$defs/node/properties/type/enum").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(NodeTypes.names());
    }

    @Test
    void messageTypesMatchTheEngine() {
        var engineTypes = Arrays.stream(OutgoingMessage.class.getAnnotation(JsonSubTypes.class).value())
                .flatMap(type -> type.names().length > 0 ? Arrays.stream(type.names()) : java.util.stream.Stream.of(type.name()))
                .toList();
        assertThat(schema.at("/$defs/message/properties/type/enum").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(engineTypes);
    }

    @Test
    void theDemoFlowIsSound() {
        Flow example = Flows.JSON.readValue(Path.of("../platform-core/src/main/resources/io/conversa/core/demo/pizza-order.json").toFile(), Flow.class);

        assertThat(new io.conversa.engine.validation.FlowValidator().validate(example)).isEmpty();
    }
}
