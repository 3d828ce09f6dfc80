#pragma once

#include "autocal/textreader.h"
#include "calibration/calibration.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <functional>
#include <vector>

namespace veer {

/** Strokes of print: a black top-hat over 15 px, 20 grey levels or four times the paper's median. */
cv::Mat textMask(const cv::Mat &grey);

/**
 * Boxes of printed words in `ink`: glyphs (connected ink, specks left out) joined with neighbours
 * of a like size on the same line, along a row for upright text or down a column for text turned
 * 90 degrees, across gaps up to about a glyph's height; points and minus signs join their number.
 */
std::vector<cv::Rect> textBoxes(const cv::Mat &ink);

/**
 * The depth unit printed in a header: the word after DEPTH on its line ("DEPTH FT", "DEPTH M"),
 * else a word that can only be a unit (FEET, METRES, METERS). Empty when none is printed; `seen`
 * receives the words read.
 */
QString unitFromWords(const std::vector<TextReader::Word> &words, QString &seen);

/** Reads the number printed in a box of a caption band (`left`: the box's glyphs nearest its left). */
using SideReader = std::function<TextReader::Word(const cv::Rect &box, bool left)>;

/**
 * Curve captions above a track: "LEFT  MNEMONIC (UNIT)  RIGHT" lines, the top one curve one, at most
 * two. An end of a line that is not a number is read again with `readSide`. `confidence` is the least
 * word confidence of the lines used; `note` says what was read or why nothing was.
 */
std::vector<CurveScale> parseScales(std::vector<TextReader::Word> words, bool logGrid, int trackWidth,
                                    const SideReader &readSide, double &confidence, QString &note);

} // namespace veer
