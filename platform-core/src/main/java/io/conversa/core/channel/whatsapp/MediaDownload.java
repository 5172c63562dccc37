package io.conversa.core.channel.whatsapp;

/**
 * A fetched media file, or why it was not fetched ({@code error} set, {@code content} null);
 * {@code transientError}: worth trying again later (network, HTTP 429 or 5xx).
 */
record MediaDownload(String mimeType, String sha256, Long size, byte[] content, String error, boolean transientError) {

    static MediaDownload refused(String mimeType, Long size, String error) {
        return new MediaDownload(mimeType, null, size, null, error, false);
    }

    static MediaDownload failedForNow(String error) {
        return new MediaDownload(null, null, null, null, error, true);
    }

    /** A refusal for an HTTP answer that is not 200: transient for 429 and 5xx. */
    static MediaDownload answered(int status, String what) {
        String error = what + " answered HTTP " + status;
        return status == 429 || status >= 500 ? failedForNow(error) : refused(null, null, error);
    }
}
