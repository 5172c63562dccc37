package io.conversa.core.channel.whatsapp;

import io.conversa.engine.message.Media;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.unit.DataSize;

/** The Cloud API's supported media types and sizes for each kind of media message. */
enum MediaRules {

    IMAGE(Media.Kind.IMAGE, DataSize.ofMegabytes(5), "image/jpeg", "image/png"),
    VIDEO(Media.Kind.VIDEO, DataSize.ofMegabytes(16), "video/mp4", "video/3gpp"),
    AUDIO(Media.Kind.AUDIO, DataSize.ofMegabytes(16), "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
    DOCUMENT(Media.Kind.DOCUMENT, DataSize.ofMegabytes(100), "text/plain", "application/pdf", "application/msword",
            "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    /** Animated stickers may be 500 KB, static ones 100 KB; the file alone does not say which. */
    STICKER(Media.Kind.STICKER, DataSize.ofKilobytes(500), "image/webp");

    final Media.Kind kind;
    final DataSize maxSize;
    final Set<String> mimeTypes;

    MediaRules(Media.Kind kind, DataSize maxSize, String... mimeTypes) {
        this.kind = kind;
        this.maxSize = maxSize;
        this.mimeTypes = Set.of(mimeTypes);
    }

    static MediaRules of(Media.Kind kind) {
        return Arrays.stream(values()).filter(rules -> rules.kind == kind).findFirst().orElseThrow();
    }

    /** The kind a file of this type is sent as; documents take the types no other kind does. */
    static Optional<MediaRules> forMimeType(String mimeType) {
        String base = baseType(mimeType);
        return Arrays.stream(values()).filter(rules -> rules.mimeTypes.contains(base)).findFirst();
    }

    boolean accepts(String mimeType) {
        return mimeTypes.contains(baseType(mimeType));
    }

    /** {@code audio/ogg; codecs=opus} is {@code audio/ogg}. */
    static String baseType(String mimeType) {
        return mimeType == null ? "" : mimeType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
