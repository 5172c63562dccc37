package io.conversa.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.flow.FlowJson;
import io.conversa.engine.Flow;
import io.conversa.engine.Node;
import io.conversa.engine.validation.FlowValidator;
import org.junit.jupiter.api.Test;

/** The demo tenant's pizza flow exists in English and Portuguese, the same flow in both. */
class DemoFlowTest {

    final FlowJson json = new FlowJson();

    @Test
    void thePizzaFlowIsValidAndTheSameInBothLanguages() {
        Flow english = json.read(DemoTenantSeeder.sampleFlow("en"));
        Flow portuguese = json.read(DemoTenantSeeder.sampleFlow("pt-BR"));

        assertThat(new FlowValidator().validate(english)).isEmpty();
        assertThat(new FlowValidator().validate(portuguese)).isEmpty();
        assertThat(portuguese.name()).isEqualTo("Pedido de pizza");
        assertThat(portuguese.nodes().stream().map(Node::id).toList()).isEqualTo(english.nodes().stream().map(Node::id).toList());
        assertThat(portuguese.edges()).isEqualTo(english.edges());
        assertThat(portuguese.triggers()).isEqualTo(english.triggers());
    }
}
