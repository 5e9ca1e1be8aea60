/* Compiled once per public header: the header must stand alone. */
#include HX_TEST_HEADER

int main(void)
{
    return 0;
}
