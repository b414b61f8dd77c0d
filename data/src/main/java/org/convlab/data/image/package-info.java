/**
 * convlab's one way to write images: {@link org.convlab.data.image.ImageFiles} encodes PNG (to a
 * file or to bytes) and animated GIF with ImageIO, for the data previews, the lab's figures and
 * charts, and the explorer's images alike.
 */
package org.convlab.data.image;
