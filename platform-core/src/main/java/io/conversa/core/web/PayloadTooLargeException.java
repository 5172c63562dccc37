package io.conversa.core.web;

import java.io.IOException;

/** A request body went past {@code conversa.web.max-request-body}. */
public class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.");
    }
}
