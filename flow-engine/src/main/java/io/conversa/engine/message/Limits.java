package io.conversa.engine.message;

/** The Cloud API's documented limits on what a message may hold. */
public final class Limits {

    public static final int TEXT_BODY = 4096;
    public static final int INTERACTIVE_BODY = 1024;
    public static final int HEADER_TEXT = 60;
    public static final int FOOTER = 60;
    public static final int BUTTONS = 3;
    public static final int BUTTON_TITLE = 20;
    public static final int REPLY_ID = 256;
    public static final int LIST_BUTTON = 20;
    public static final int LIST_SECTIONS = 10;
    public static final int LIST_ROWS = 10;
    public static final int SECTION_TITLE = 24;
    public static final int ROW_TITLE = 24;
    public static final int ROW_DESCRIPTION = 72;
    public static final int ROW_ID = 200;
    public static final int CAPTION = 1024;

    private Limits() {
    }
}
