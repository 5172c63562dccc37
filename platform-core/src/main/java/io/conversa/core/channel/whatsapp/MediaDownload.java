package io.conversa.core.channel.whatsapp;

/** A fetched media file, or why it was not fetched ({@code error} set, {@code content} null). */
record MediaDownload(String mimeType, String sha256, Long size, byte[] content, String error) {

    static MediaDownload refused(String mimeType, Long size, String error) {
        return new MediaDownload(mimeType, null, size, null, error);
    }
}
