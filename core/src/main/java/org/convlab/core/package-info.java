/**
 * What every layer of convlab shares: the typed family of user-facing errors.
 *
 * <p>A {@link org.convlab.core.ConvlabException} carries a message meant for a person and an
 * exit code for the command line: {@link org.convlab.core.BadParameterException} (exit 2) for
 * a value the user gave that cannot work, {@link org.convlab.core.BadFileException} (exit 1)
 * for a file that is missing, unreadable or damaged. Anything else escaping to the command line
 * is a bug in convlab.
 *
 * <p>This module sits below the algebra module of DESIGN.md because every layer, including the
 * algebra, reports bad input the same way; it has no dependencies.
 */
package org.convlab.core;
