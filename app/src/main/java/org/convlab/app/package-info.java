/**
 * The command line of convlab ({@code ./convlab}, built on picocli) and, later, the web explorer.
 *
 * <p>Every command prints to picocli's writers so that tests run it in-process through
 * {@link org.convlab.app.Main#run}. Failures become one line and an exit code in {@code Errors}.
 */
package org.convlab.app;
