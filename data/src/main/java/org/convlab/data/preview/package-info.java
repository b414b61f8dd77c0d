/** Pictures of data sets for people: a PNG grid of sample images per class (ImageIO, Java2D). */
package org.convlab.data.preview;
