#include "textreader.h"

#include <opencv2/imgproc.hpp>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <clocale>
#include <string>

namespace veer {

struct TextReader::Private
{
    tesseract::TessBaseAPI api;
    bool ready = false;
    QString error;
    Charset charset = Charset::Any;

    void setCharset(Charset c)
    {
        if (c == charset)
            return;
        charset = c;
        api.SetVariable("tessedit_char_whitelist", c == Charset::Digits ? "0123456789" : c == Charset::Number ? "0123456789.-" : "");
    }

    /**
     * Scaled so that the text is about 40 px high, with a paper margin, and with `binarise` black
     * on white (Otsu): what the model reads best. Captions in coloured ink read better binarised;
     * depth numbers, often small and soft, better left grey.
     */
    static cv::Mat prepare(const cv::Mat &grey, int textHeight, double &scale, bool binarise)
    {
        scale = std::clamp(40.0 / std::max(1, textHeight), 1.0, 6.0);
        cv::Mat big;
        if (scale > 1.01)
            cv::resize(grey, big, cv::Size(), scale, scale, cv::INTER_CUBIC);
        else
            big = grey.clone();
        // Black print on white paper, whatever the ink's colour or the paper's tint.
        cv::Mat binary = big;
        if (binarise)
            cv::threshold(big, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
        cv::Mat padded;
        cv::copyMakeBorder(binary, padded, 12, 12, 12, 12, cv::BORDER_CONSTANT, cv::Scalar(255));
        return padded;
    }
};

TextReader::TextReader()
    : d(std::make_unique<Private>())
{
    // Tesseract parses its model with the C library's number format.
    const std::string saved = std::setlocale(LC_NUMERIC, nullptr) ? std::setlocale(LC_NUMERIC, nullptr) : "C";
    std::setlocale(LC_NUMERIC, "C");
    d->api.SetVariable("debug_file", "/dev/null");
    d->ready = d->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) == 0;
    std::setlocale(LC_NUMERIC, saved.c_str());
    if (!d->ready) {
        d->error = QStringLiteral("the OCR model (Tesseract, English) could not be loaded: install tesseract-ocr-eng");
        return;
    }
    d->api.SetVariable("debug_file", "/dev/null");
    d->api.SetVariable("user_defined_dpi", "300");
}

TextReader::~TextReader()
{
    if (d->ready)
        d->api.End();
}

bool TextReader::isReady() const { return d->ready; }
QString TextReader::error() const { return d->error; }

TextReader::Word TextReader::readLine(const cv::Mat &grey, Charset charset)
{
    Word word;
    if (!d->ready || grey.empty())
        return word;
    d->setCharset(charset);
    double scale = 1.0;
    const cv::Mat image = Private::prepare(grey, grey.rows, scale, charset != Charset::Digits);
    // A lone glyph reads better as a character than as a line.
    d->api.SetPageSegMode(grey.cols <= grey.rows * 1.3 ? tesseract::PSM_SINGLE_CHAR : tesseract::PSM_SINGLE_LINE);
    d->api.SetImage(image.data, image.cols, image.rows, 1, int(image.step));
    char *text = d->api.GetUTF8Text();
    if (text) {
        word.text = QString::fromUtf8(text).trimmed();
        delete[] text;
    }
    // The least confident word of the line speaks for it. Words that read as nothing (a tick or a
    // rule beside the number, outside the character set) say nothing about the number.
    float least = 100.0f;
    bool any = false;
    std::unique_ptr<tesseract::ResultIterator> it(d->api.GetIterator());
    if (it) {
        do {
            char *piece = it->GetUTF8Text(tesseract::RIL_WORD);
            const bool empty = !piece || QString::fromUtf8(piece).trimmed().isEmpty();
            delete[] piece;
            if (empty)
                continue;
            least = std::min(least, std::max(0.0f, it->Confidence(tesseract::RIL_WORD)));
            any = true;
        } while (it->Next(tesseract::RIL_WORD));
    }
    word.confidence = any ? least / 100.0 : 0.0;
    word.box = cv::Rect(0, 0, grey.cols, grey.rows);
    return word;
}

std::vector<TextReader::Word> TextReader::readBlock(const cv::Mat &grey, Charset charset)
{
    std::vector<Word> words;
    if (!d->ready || grey.empty())
        return words;
    d->setCharset(charset);
    double scale = 1.0;
    // Header captions are 8-25 px high on a scan: bring small print up to the model's size.
    const cv::Mat image = Private::prepare(grey, 13, scale, false);
    d->api.SetPageSegMode(tesseract::PSM_SPARSE_TEXT);
    d->api.SetImage(image.data, image.cols, image.rows, 1, int(image.step));
    if (d->api.Recognize(nullptr) != 0)
        return words;
    std::unique_ptr<tesseract::ResultIterator> it(d->api.GetIterator());
    if (!it)
        return words;
    do {
        char *text = it->GetUTF8Text(tesseract::RIL_WORD);
        if (!text)
            continue;
        Word w;
        w.text = QString::fromUtf8(text).trimmed();
        delete[] text;
        w.confidence = std::max(0.0f, it->Confidence(tesseract::RIL_WORD)) / 100.0;
        int l = 0, t = 0, r = 0, b = 0;
        it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
        w.box = cv::Rect(int((l - 12) / scale), int((t - 12) / scale), std::max(1, int((r - l) / scale)),
                         std::max(1, int((b - t) / scale)));
        if (!w.text.isEmpty())
            words.push_back(w);
    } while (it->Next(tesseract::RIL_WORD));
    return words;
}

} // namespace veer
