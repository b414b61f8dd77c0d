package org.convlab.lab.reporting;

/**
 * A picture an experiment wrote.
 *
 * @param file         its file name in the output folder (a relative link for the HTML page)
 * @param title        a short title
 * @param caption      what it shows, with the finding in numbers
 * @param pixelated    whether it is a small image of tensor values to enlarge without smoothing (not a chart)
 * @param displayWidth the width to show it at, in CSS pixels (at most the page's), or 0 to fill its column
 */
public record Figure(String file, String title, String caption, boolean pixelated, int displayWidth) {
    /** A chart, filling its column. */
    public static Figure chart(String file, String title, String caption) {
        return new Figure(file, title, caption, false, 0);
    }

    /** An image of values (feature maps, canvases), shown {@code displayWidth} pixels wide with sharp pixels. */
    public static Figure image(String file, String title, String caption, int displayWidth) {
        return new Figure(file, title, caption, true, displayWidth);
    }

    /** A large picture shown across the page, smoothly scaled to fit. */
    public static Figure wide(String file, String title, String caption) {
        return new Figure(file, title, caption, false, -1);
    }
}
