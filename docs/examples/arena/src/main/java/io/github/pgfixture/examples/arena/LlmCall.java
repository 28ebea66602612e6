package io.github.pgfixture.examples.arena;

import java.time.OffsetDateTime;

/**
 * One request to a model during a turn: the messages sent (a JSON array), the response (JSON, null
 * while none arrived), when it was sent and received, and the tokens counted.
 */
public record LlmCall(long id, long turnId, long modelId, String messages, String response, OffsetDateTime sentAt,
                      OffsetDateTime receivedAt, int promptTokens, int completionTokens) {
}
