package io.conversa.core.simulator;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.channel.whatsapp.Channel;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.channel.whatsapp.ChannelUpdate;
import io.conversa.core.security.Caller;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tenants' numbers that this process's simulator stands in for (the demo number, the builder's test
 * numbers): each is pointed at this process, whose port may differ from the last start, and the
 * simulated number is connected to the channel's webhook with the channel's own app secret.
 */
@Component
@ConditionalOnBooleanProperty("conversa.simulator.enabled")
public class SimulatedChannels {

    private final ChannelService channels;
    private final CloudApiSimulator simulator;
    private final Environment environment;

    SimulatedChannels(ChannelService channels, CloudApiSimulator simulator, Environment environment) {
        this.channels = channels;
        this.simulator = simulator;
        this.environment = environment;
    }

    /** This process's address, which a simulated channel's Graph API URL and webhook use. */
    public String baseUrl() {
        return "http://localhost:" + environment.getProperty("local.server.port", "8080");
    }

    /** The Graph API URL of a channel served by this process's simulator. */
    public String graphApiUrl() {
        return baseUrl() + "/simulator/graph";
    }

    /** Points the channel at this process's simulator and connects the simulated number to its webhook. */
    public Channel attach(Caller owner, Channel channel, ClientInfo client) {
        Channel current = channel.graphApiUrl().equals(graphApiUrl()) ? channel
                : channels.update(owner, channel.id(), new ChannelUpdate(null, null, null, null, null, null, graphApiUrl(), null, null, null),
                        baseUrl(), client);
        simulator.connect(current.phoneNumberId(), current.wabaId(), current.webhookUrl(), channels.appSecret(owner, current.id()));
        return current;
    }
}
