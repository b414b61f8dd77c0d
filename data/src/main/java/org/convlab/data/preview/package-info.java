/** Pictures of data sets for people: a PNG grid of sample images per class (Java2D, written by ImageFiles). */
package org.convlab.data.preview;
