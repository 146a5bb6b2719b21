// File: common/markup.h
//
// Text put into HTML or XML (the console's pages, the SVG plots): the five
// characters that could end text or an attribute value become entities.
#ifndef IRAED_COMMON_MARKUP_H_
#define IRAED_COMMON_MARKUP_H_

#include <string>
#include <string_view>

namespace iraed {

// & < > " ' as &amp; &lt; &gt; &quot; &#39;; everything else as it is.
std::string EscapeMarkup(std::string_view text);

}  // namespace iraed

#endif  // IRAED_COMMON_MARKUP_H_
