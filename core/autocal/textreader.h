#pragma once

#include <QString>

#include <opencv2/core/mat.hpp>

#include <memory>
#include <vector>

namespace veer {

/**
 * Printed text on a scan, read with Tesseract (the Debian tesseract-ocr-eng model). One reader per
 * thread; creating one loads the model (about 0.1 s). Images are CV_8UC1, dark ink on light paper.
 */
class TextReader
{
public:
    enum class Charset { Digits, Number, Any };  ///< Number: digits, point and minus

    struct Word
    {
        QString text;
        double confidence = 0.0;  ///< 0..1
        cv::Rect box;             ///< in the image's pixels
    };

    TextReader();
    ~TextReader();
    TextReader(const TextReader &) = delete;
    TextReader &operator=(const TextReader &) = delete;

    /** False when the OCR model could not be loaded; error() says why. */
    bool isReady() const;
    QString error() const;

    /** One line of text (a depth number, a caption); upscaled so its height is about 40 px. */
    Word readLine(const cv::Mat &grey, Charset charset);
    /** The words of a block of text lines, in reading order. */
    std::vector<Word> readBlock(const cv::Mat &grey, Charset charset);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace veer
