/**
 * What the lab's reports are made of: charts drawn by XChart and saved as PNG
 * ({@link org.convlab.lab.reporting.Charts}), tensors rendered as images
 * ({@link org.convlab.lab.reporting.Pictures}), animated GIFs written by ImageIO
 * ({@link org.convlab.lab.reporting.AnimatedGif}), the offline HTML page
 * ({@link org.convlab.lab.reporting.HtmlPage}) and JSON ({@link org.convlab.lab.reporting.LabJson}).
 */
package org.convlab.lab.reporting;
