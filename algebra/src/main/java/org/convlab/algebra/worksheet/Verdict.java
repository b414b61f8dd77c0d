package org.convlab.algebra.worksheet;

/** How a computed figure compares with the figure a worksheet prints. */
public enum Verdict {
    /** The worksheet prints the same figure. */
    AGREES,
    /** The worksheet prints something else; the arithmetic is shown. */
    DIFFERS,
    /** Nothing printed to compare with (a figure convlab adds, or a generated exercise). */
    COMPUTED
}
