package io.conversa.core.channel.whatsapp;

import java.time.OffsetDateTime;

/** A file uploaded to a number: send it with {@code {"type": kind, "id": id}}. */
public record UploadedMedia(String id, String kind, String mimeType, long size, String filename, OffsetDateTime uploadedAt) {
}
