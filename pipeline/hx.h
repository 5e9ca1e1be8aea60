/* The one header a stage includes. */
#ifndef HX_HX_H
#define HX_HX_H

#include "align.h"
#include "arena.h"
#include "caps.h"
#include "diag.h"
#include "doc.h"
#include "file.h"
#include "filter.h"
#include "lang.h"
#include "text.h"
#include "xml.h"

#endif
